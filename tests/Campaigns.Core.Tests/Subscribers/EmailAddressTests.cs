using Campaigns.Core.Subscribers;

namespace Campaigns.Core.Tests.Subscribers;

public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("  Ann.Lee@Example.COM ", "Ann.Lee@Example.COM", "Ann.Lee@example.com")]
    [InlineData("user+tag@sub.example.co.uk", "user+tag@sub.example.co.uk", "user+tag@sub.example.co.uk")]
    [InlineData("o'brien@example.ie", "o'brien@example.ie", "o'brien@example.ie")]
    [InlineData("jürgen@bücher.de", "jürgen@bücher.de", "jürgen@xn--bcher-kva.de")]
    [InlineData("\"john doe\"@example.com", "\"john doe\"@example.com", "\"john doe\"@example.com")]
    [InlineData("δοκιμή@παράδειγμα.δοκιμή", "δοκιμή@παράδειγμα.δοκιμή", "δοκιμή@xn--hxajbheg2az3al.xn--jxalpdlp")]
    public void Accepts_and_normalizes(string input, string email, string key)
    {
        Assert.True(EmailAddress.TryNormalize(input, out var normalized, out var error), error);
        Assert.Equal(email, normalized.Email);
        Assert.Equal(key, normalized.Key);
        Assert.Equal(key[(key.LastIndexOf('@') + 1)..], normalized.Domain);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("plainaddress", "no @")]
    [InlineData("@example.com", "nothing before")]
    [InlineData("john@", "no domain")]
    [InlineData("john doe@example.com", "space")]
    [InlineData("a@b@example.com", "more than one @")]
    [InlineData("john..doe@example.com", "two dots")]
    [InlineData(".john@example.com", "starts or ends with a dot")]
    [InlineData("john@localhost", "no dot")]
    [InlineData("john@example..com", "empty part")]
    [InlineData("john@-example.com", "hyphen")]
    [InlineData("john@example.123", "ends in a number")]
    [InlineData("john@[192.168.0.1]", "IP literal")]
    [InlineData("john@exa_mple.com", "contains '_'")]
    [InlineData("john(comment)@example.com", "contains '('")]
    [InlineData("john\r\nBcc: x@example.com", "\\u000d")]
    public void Refuses_with_a_reason(string input, string reason)
    {
        Assert.False(EmailAddress.TryNormalize(input, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_overlong_parts()
    {
        Assert.False(EmailAddress.TryNormalize(new string('a', 65) + "@example.com", out _, out var local));
        Assert.Contains("64", local, StringComparison.Ordinal);
        Assert.False(EmailAddress.TryNormalize("a@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 5)) + ".com", out _, out var domain));
        Assert.Contains("too long", domain, StringComparison.Ordinal);
    }
}
