using Campaigns.Core.Common;
using Campaigns.Core.Suppressions;

namespace Campaigns.Core.Tests.Suppressions;

public sealed class SuppressionTargetTests
{
    [Theory]
    [InlineData("Bob@Example.com", SuppressionKind.Address, "Bob@example.com")]
    [InlineData("@Example.COM", SuppressionKind.Domain, "example.com")]
    [InlineData("bücher.de", SuppressionKind.Domain, "xn--bcher-kva.de")]
    public void Parses_addresses_and_domains(string input, SuppressionKind kind, string value) =>
        Assert.Equal((kind, value), SuppressionTarget.Parse(input));

    [Fact]
    public void Refuses_nonsense() => Assert.Throws<ValidationException>(() => SuppressionTarget.Parse("not a domain"));

    [Fact]
    public void Lists_parent_domains_down_to_the_registrable_one() =>
        Assert.Equal(["a.b.example.com", "b.example.com", "example.com"], SuppressionTarget.DomainCandidates("a.b.example.com"));
}
