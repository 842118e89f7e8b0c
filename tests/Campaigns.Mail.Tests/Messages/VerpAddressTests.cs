using Campaigns.Mail.Messages;

namespace Campaigns.Mail.Tests.Messages;

public sealed class VerpAddressTests
{
    private static readonly byte[] Key = "0123456789abcdef0123456789abcdef"u8.ToArray();
    private readonly VerpAddress _verp = new(Key, "bounces", "bounce.example.com");

    [Fact]
    public void Decodes_what_it_encodes()
    {
        var address = _verp.Encode(42, 9_000_000_001);

        Assert.StartsWith("bounces+c42-s9000000001-", address, StringComparison.Ordinal);
        Assert.True(_verp.TryDecode(address, out var campaign, out var subscriber));
        Assert.Equal(42, campaign);
        Assert.Equal(9_000_000_001, subscriber);
        Assert.True(_verp.TryDecode($"<{address.ToUpperInvariant()}>", out _, out _)); // receivers may change case
    }

    [Fact]
    public void Refuses_an_altered_or_foreign_address()
    {
        var address = _verp.Encode(42, 7);

        Assert.False(_verp.TryDecode(address.Replace("-s7-", "-s8-", StringComparison.Ordinal), out _, out _));
        Assert.False(_verp.TryDecode(address.Replace("c42", "c43", StringComparison.Ordinal), out _, out _));
        Assert.False(_verp.TryDecode(address.Replace("bounce.example.com", "evil.example", StringComparison.Ordinal), out _, out _));
        Assert.False(new VerpAddress("another key of 32 bytes.........."u8.ToArray(), "bounces", "bounce.example.com").TryDecode(address, out _, out _));
        Assert.False(_verp.TryDecode("bounces@bounce.example.com", out _, out _));
        Assert.False(_verp.TryDecode("", out _, out _));
        Assert.False(_verp.TryDecode("bounces+c99999999999999999999-s1-000000000000@bounce.example.com", out _, out _));
    }
}
