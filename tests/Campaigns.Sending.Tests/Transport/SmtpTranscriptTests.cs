using Campaigns.Sending.Transport;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using static Campaigns.Sending.Tests.Transport.SmtpTranscripts;

namespace Campaigns.Sending.Tests.Transport;

/// <summary>
/// The pool against replayed server transcripts, in the manner of MailKit's own tests: exact commands, and a
/// server that refuses or hangs up at the step a test chooses.
/// </summary>
public sealed class SmtpTranscriptTests
{
    private static MimeMessage Message(string to)
    {
        var m = new MimeMessage { Subject = "Hi", Body = new TextPart("plain") { Text = "Hello" } };
        m.From.Add(new MailboxAddress("News", "news@sender.test"));
        m.To.Add(MailboxAddress.Parse(to));
        return m;
    }

    /// <summary>A transport whose connections replay <paramref name="scripts"/>, one per new connection, in order.</summary>
    private static (SmtpTransport Transport, List<ScriptedSmtpStream> Streams) Replaying(params string[] scripts)
    {
        var queue = new Queue<string>(scripts);
        var streams = new List<ScriptedSmtpStream>();
        var transport = new SmtpTransport(
            new SmtpTransportOptions { Servers = [new SmtpServerOptions { Name = "mx", Host = "mx.test", Port = 25, Security = SmtpSecurity.None, MaxConnections = 1 }] },
            async (options, ct) =>
            {
                var stream = new ScriptedSmtpStream(queue.Dequeue());
                streams.Add(stream);
                var client = new SmtpClient { LocalDomain = "client.test" };
                await client.ConnectAsync(stream, options.Host, options.Port, SecureSocketOptions.None, ct);
                return client;
            });
        return (transport, streams);
    }

    [Fact]
    public async Task A_refused_recipient_is_failed_and_the_next_message_goes_on_the_same_connection()
    {
        var ct = TestContext.Current.CancellationToken;
        var (transport, streams) = Replaying(Script(
            Greeting,
            "C: MAIL FROM:<bounce@sender.test>",
            "S: 250 2.1.0 Ok",
            "C: RCPT TO:<gone@rcpt.test>",
            "S: 550 5.1.1 <gone@rcpt.test>: Recipient address rejected: User unknown in local recipient table",
            "C: RSET",
            "S: 250 2.0.0 Ok",
            SmtpTranscripts.Delivery("ann@rcpt.test", "4F1A2B"),
            Quit));
        await using (transport)
        {
            await using var session = await transport.OpenSessionAsync("rcpt.test", ct);
            var refused = await session.SendAsync(Message("gone@rcpt.test"), "bounce@sender.test", "gone@rcpt.test", ct);
            var sent = await session.SendAsync(Message("ann@rcpt.test"), "bounce@sender.test", "ann@rcpt.test", ct);

            Assert.Equal(DeliveryOutcome.Failed, refused.Outcome);
            Assert.Equal("550 5.1.1 <gone@rcpt.test>: Recipient address rejected: User unknown in local recipient table", refused.Reply);
            Assert.Equal(DeliveryOutcome.Sent, sent.Outcome);
            Assert.Contains("queued as 4F1A2B", sent.Reply, StringComparison.Ordinal);
        }

        Assert.Single(streams); // one connection carried both
        Assert.True(streams[0].ScriptCompleted, streams[0].Transcript);
    }

    [Fact]
    public async Task A_hang_up_in_the_middle_of_data_is_deferred_and_the_next_message_takes_a_new_connection()
    {
        var ct = TestContext.Current.CancellationToken;
        var (transport, streams) = Replaying(
            Script(
                Greeting,
                "C: MAIL FROM:<bounce@sender.test>",
                "S: 250 2.1.0 Ok",
                "C: RCPT TO:<ann@rcpt.test>",
                "S: 250 2.1.5 Ok",
                "C: DATA",
                "S: 354 End data with <CR><LF>.<CR><LF>",
                "!: hang up"),
            Script(Greeting, SmtpTranscripts.Delivery("bob@rcpt.test", "5C6D7E"), Quit));
        await using (transport)
        {
            await using var session = await transport.OpenSessionAsync("rcpt.test", ct);
            var lost = await session.SendAsync(Message("ann@rcpt.test"), "bounce@sender.test", "ann@rcpt.test", ct);
            var next = await session.SendAsync(Message("bob@rcpt.test"), "bounce@sender.test", "bob@rcpt.test", ct);

            Assert.Equal(DeliveryOutcome.Deferred, lost.Outcome); // no 250: tried again later, never counted as sent
            Assert.Contains("connection lost", lost.Reply, StringComparison.Ordinal);
            Assert.Equal(DeliveryOutcome.Sent, next.Outcome);
        }

        Assert.Equal(2, streams.Count);
        Assert.True(streams[1].ScriptCompleted, streams[1].Transcript);
    }

    [Fact]
    public async Task A_421_closes_the_connection_and_defers()
    {
        var ct = TestContext.Current.CancellationToken;
        var (transport, streams) = Replaying(Script(
            Greeting,
            "C: MAIL FROM:<bounce@sender.test>",
            "S: 421 4.7.0 mx.test Error: too many connections from 192.0.2.1",
            "!: hang up"));
        await using (transport)
        {
            await using var session = await transport.OpenSessionAsync("rcpt.test", ct);
            var result = await session.SendAsync(Message("ann@rcpt.test"), "bounce@sender.test", "ann@rcpt.test", ct);

            Assert.Equal(DeliveryOutcome.Deferred, result.Outcome);
            Assert.Equal(421, result.Code);
            Assert.Contains("too many connections", result.Reply, StringComparison.Ordinal);
        }

        Assert.Single(streams);
    }
}
