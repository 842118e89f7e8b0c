using Campaigns.Core.Common;
using Campaigns.Core.Lists;

namespace Campaigns.Core.Tests.Lists;

public sealed class NewListTests
{
    [Theory]
    [InlineData("", "needs a name")]
    [InlineData("bad\nname", "control characters")]
    public void Refuses_bad_names(string name, string reason) =>
        Assert.Contains(reason, Assert.Throws<ValidationException>(() => new NewList(name).Validated()).Message, StringComparison.Ordinal);

    [Fact]
    public void Refuses_an_overlong_name() =>
        Assert.Throws<ValidationException>(() => new NewList(new string('x', 201)).Validated());
}
