using Campaigns.Mail.Messages;
using MimeKit;

namespace Campaigns.Mail.Tests.Messages;

public sealed class MessageBuilderTests
{
    private static OutgoingMessage Sample(string toName = "Ada Lovelace", string subject = "Hello {{ name }}") => new(
        FromName: "Weekly News",
        FromAddress: "news@example.com",
        ToName: toName,
        ToAddress: "ada@example.org",
        Subject: subject,
        Html: "<p>Hi Ada</p>",
        Text: "Hi Ada",
        ListId: "Weekly news <weekly.news.example.com>",
        ReturnPath: "bounces+c1-s2-abcdefabcdef@bounce.example.com",
        UnsubscribeUrl: "https://mail.example.com/u/TOKEN",
        UnsubscribeMailto: "unsubscribe+TOKEN@bounce.example.com");

    [Fact]
    public void Writes_one_click_unsubscribe_list_id_and_a_unique_message_id()
    {
        var a = MessageBuilder.Build(Sample(), DateTimeOffset.UnixEpoch);
        var b = MessageBuilder.Build(Sample(), DateTimeOffset.UnixEpoch);

        Assert.Equal("<https://mail.example.com/u/TOKEN>, <mailto:unsubscribe+TOKEN@bounce.example.com>", a.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", a.Headers["List-Unsubscribe-Post"]);
        Assert.Equal("Weekly news <weekly.news.example.com>", a.Headers["List-Id"]);
        Assert.EndsWith("@example.com", a.MessageId, StringComparison.Ordinal);
        Assert.NotEqual(a.MessageId, b.MessageId);
        Assert.Equal(DateTimeOffset.UnixEpoch, a.Date);
        Assert.Equal("Hi Ada", a.TextBody);
        Assert.Equal("<p>Hi Ada</p>", a.HtmlBody);
    }

    [Theory]
    [InlineData("Ada\r\nBcc: victim@example.net")]
    [InlineData("Ada\nBcc: victim@example.net")]
    [InlineData("Ada\rBcc: victim@example.net")]
    [InlineData("Ada\u0000\r\n\r\n<html>body</html>")]
    public void Subscriber_data_with_line_breaks_cannot_add_a_header(string hostile)
    {
        var message = MessageBuilder.Build(Sample(toName: hostile, subject: hostile), DateTimeOffset.UnixEpoch);

        using var stream = new MemoryStream();
        message.WriteTo(stream);
        stream.Position = 0;
        var reparsed = MimeMessage.Load(stream);

        Assert.Empty(reparsed.Bcc);
        Assert.Single(reparsed.To);
        Assert.Equal("ada@example.org", ((MailboxAddress)reparsed.To[0]).Address);
        Assert.DoesNotContain(reparsed.Headers, h => h.Field.Equals("Bcc", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("\n", reparsed.Subject ?? "", StringComparison.Ordinal);
        Assert.Equal("Hi Ada", reparsed.TextBody);
    }

    [Fact]
    public void Clean_turns_control_characters_into_spaces()
    {
        Assert.Equal("a  b", HeaderText.Clean("a\r\nb"));
        Assert.Equal("", HeaderText.Clean(null));
        Assert.Equal("x", HeaderText.Clean("\tx\n"));
    }
}
