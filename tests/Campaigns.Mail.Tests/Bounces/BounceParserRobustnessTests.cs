using System.Text;
using Campaigns.Mail.Bounces;

namespace Campaigns.Mail.Tests.Bounces;

public sealed class BounceParserRobustnessTests
{
    [Fact]
    public void Missing_empty_and_binary_files_give_an_unknown_report_with_an_error()
    {
        Assert.NotNull(BounceParser.ParseFile(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"))).Error);
        Assert.Equal(BounceKind.Unknown, BounceParser.Parse(ReadOnlyMemory<byte>.Empty).Kind);
        var random = new Random(42);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(1, 3000)];
            random.NextBytes(bytes);
            var report = BounceParser.Parse(bytes);
            Assert.NotNull(report);
        }
    }

    [Fact]
    public void Truncated_and_mangled_bounces_never_throw()
    {
        var corpus = Path.Combine(AppContext.BaseDirectory, "Bounces", "Corpus");
        var random = new Random(7);
        foreach (var file in Directory.EnumerateFiles(corpus, "*.eml", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(file);
            for (var cut = 0; cut < bytes.Length; cut += Math.Max(1, bytes.Length / 7))
            {
                Assert.NotNull(BounceParser.Parse(bytes.AsMemory(0, cut)));
            }

            var mangled = (byte[])bytes.Clone();
            for (var i = 0; i < mangled.Length / 50; i++)
            {
                mangled[random.Next(mangled.Length)] = (byte)random.Next(256);
            }

            Assert.NotNull(BounceParser.Parse(mangled));
        }
    }

    [Fact]
    public void A_50_MB_bounce_is_parsed()
    {
        var head = """
            From: MAILER-DAEMON@mail.example.com (Mail Delivery System)
            To: news@example.com
            Subject: Undelivered Mail Returned to Sender
            X-Failed-Recipients: big@example.org
            Content-Type: text/plain

            This is the mail system at host mail.example.com.

            <big@example.org>: host mx.example.org[192.0.2.1] said: 552 5.3.4 Message size exceeds fixed limit

            ------ This is a copy of the message, including all the headers. ------

            Subject: huge

            """.ReplaceLineEndings("\n");
        var line = new string('x', 76) + "\n";
        var builder = new StringBuilder(head, 51 * 1024 * 1024);
        while (builder.Length < 50 * 1024 * 1024)
        {
            builder.Append(line);
        }

        var report = BounceParser.Parse(Encoding.ASCII.GetBytes(builder.ToString()));
        var recipient = Assert.Single(report.Recipients);
        Assert.Equal("big@example.org", recipient.Address);
        Assert.Equal(BounceKind.Soft, recipient.Kind);
        Assert.Equal("5.3.4", recipient.Status);
    }

    [Fact]
    public void Exposes_the_verp_candidates_and_the_original_message_id()
    {
        var report = BounceParser.ParseFile(Path.Combine(AppContext.BaseDirectory, "Bounces", "Corpus", "postfix-user-unknown.eml"));
        Assert.Equal(BounceFormat.DeliveryStatus, report.Format);
        Assert.Equal("bounces+c12-s345-0a1b2c3d4e5f@bounce.example.com", report.EnvelopeAddresses[0]);
        Assert.Equal("c12.s345.1741083300@example.com", report.OriginalMessageId);
    }
}
