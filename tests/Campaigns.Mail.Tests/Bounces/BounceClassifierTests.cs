using Campaigns.Mail.Bounces;

namespace Campaigns.Mail.Tests.Bounces;

public sealed class BounceClassifierTests
{
    [Theory]
    [InlineData(550, "5.1.1", "<x@y>: Recipient address rejected: User unknown", BounceKind.Hard, "user unknown")]
    [InlineData(550, null, "Requested action not taken: mailbox unavailable", BounceKind.Hard, "mailbox unavailable")]
    [InlineData(550, null, "5.7.1 Message rejected as spam by Content Filtering", BounceKind.Soft, "rejected as spam or for content")]
    [InlineData(550, "5.7.1", "Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org", BounceKind.Soft, "blocked")]
    [InlineData(552, null, "Mailbox full", BounceKind.Soft, "mailbox full")]
    [InlineData(550, "5.2.2", "The email account that you tried to reach is over quota", BounceKind.Soft, "mailbox full")]
    [InlineData(450, "4.2.0", "<x@y>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/", BounceKind.Soft, "temporary failure / greylisted")]
    [InlineData(421, "4.7.0", "Try again later, closing connection. (EHLO) - gsmtp", BounceKind.Soft, "temporary failure / greylisted")]
    [InlineData(421, null, "Too many concurrent SMTP connections; please try again later", BounceKind.Soft, "rate limited")]
    [InlineData(null, "5.4.7", "delivery time expired", BounceKind.Soft, "expired in queue")]
    [InlineData(null, "5.1.2", "Host or domain name not found", BounceKind.Hard, "no such domain")]
    [InlineData(null, "5.4.4", "Unable to route: no mail hosts for domain", BounceKind.Hard, "no such domain")]
    [InlineData(556, "5.1.10", "Recipient address has null MX", BounceKind.Hard, "domain accepts no mail")]
    [InlineData(550, "5.1.6", "Recipient mailbox has moved", BounceKind.Hard, "moved")]
    [InlineData(554, "5.7.1", "<x@y>: Recipient address rejected: User unknown", BounceKind.Hard, "user unknown")]
    [InlineData(550, "5.1.8", "Sender address rejected: Domain not found", BounceKind.Soft, "sender address rejected")]
    [InlineData(550, "5.7.26", "Unauthenticated email from example.com is not accepted due to domain's DMARC policy", BounceKind.Soft, "sender authentication failed")]
    [InlineData(550, null, "Benutzer unbekannt", BounceKind.Hard, "user unknown")]
    [InlineData(550, null, "Adresse inconnue", BounceKind.Hard, "user unknown")]
    [InlineData(550, null, "El buzón no existe", BounceKind.Hard, "user unknown")]
    [InlineData(550, null, "Пользователь не существует", BounceKind.Hard, "user unknown")]
    [InlineData(554, null, null, BounceKind.Soft, "transaction failed")]
    [InlineData(null, null, null, BounceKind.Unknown, "no status code, reply code or known wording")]
    public void Classifies_smtp_replies(int? code, string? status, string? text, BounceKind kind, string reason)
    {
        var (actualKind, actualReason) = BounceClassifier.Classify(code, status, text);
        Assert.Equal(kind, actualKind);
        Assert.Equal(reason, actualReason);
    }

    [Fact]
    public void Reads_the_code_and_status_from_a_whole_reply_line()
    {
        Assert.Equal(new BounceClassification(BounceKind.Hard, "user unknown"), BounceClassifier.ClassifyReply("550 5.1.1 <x@y>: Recipient address rejected: User unknown"));
        Assert.Equal(BounceKind.Soft, BounceClassifier.ClassifyReply("552-5.2.2 The email account that you tried to reach is over quota").Kind);
        Assert.Equal(BounceKind.Soft, BounceClassifier.ClassifyReply("451 4.3.0 Temporary lookup failure").Kind);
    }

    [Fact]
    public void Dsn_actions_decide_before_codes()
    {
        Assert.Equal(BounceKind.Soft, BounceClassifier.Classify("delayed", 550, "5.1.1", "User unknown").Kind);
        Assert.Equal(BounceKind.Delivered, BounceClassifier.Classify("relayed", 250, "2.0.0", "ok").Kind);
        Assert.Equal(BounceKind.Delivered, BounceClassifier.Classify("expanded", null, null, null).Kind);
    }

    [Theory]
    [InlineData("#5.1.1", "5.1.1")]
    [InlineData("5.1.1 (bad destination mailbox address)", "5.1.1")]
    [InlineData("Status: 4.4.7", "4.4.7")]
    [InlineData("host 192.0.2.5.1 said", null)]
    [InlineData("Postfix 3.5.6", null)]
    [InlineData("5.01.001", "5.1.1")]
    public void Normalizes_enhanced_status_codes(string raw, string? status) => Assert.Equal(status, SmtpReplyText.NormalizeStatus(raw));

    [Theory]
    [InlineData("smtp; 550 5.1.1 user unknown", 550)]
    [InlineData("Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'", 550)]
    [InlineData("host mx.example.com[192.0.2.10] said: 452-4.2.2 The email account is over quota", 452)]
    [InlineData("SMTP error from remote mail server after RCPT TO:<a@b.example>: 550 Unknown user", 550)]
    [InlineData("connect to mx.example.org[192.0.2.10]:25: Connection timed out", null)]
    public void Finds_reply_codes(string text, int? code) => Assert.Equal(code, SmtpReplyText.FindReplyCode(SmtpReplyText.StripDiagnosticType(text)));

    [Fact]
    public void Every_text_rule_compiles_and_the_tables_are_not_empty()
    {
        Assert.NotEmpty(ClassificationRules.Statuses);
        Assert.All(ClassificationRules.Texts, r => Assert.DoesNotMatch(r.Regex, ""));
        Assert.True(ClassificationRules.ReplyCodes.Count > 10);
    }
}
