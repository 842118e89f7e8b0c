namespace Campaigns.Sending.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Builds() => Assert.True(typeof(Campaigns.Sending.Transport.IMailTransport).IsInterface);
}
