using Campaigns.Sending.Transport;
using Campaigns.Testing;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Campaigns.Sending.Tests.Transport;

/// <summary>The pool against a real SMTP server (Postfix's smtp-sink), with the faults it injects.</summary>
public sealed class SmtpTransportTests
{
    private static MimeMessage Message(int i)
    {
        var m = new MimeMessage { Subject = $"Test {i}", Body = new TextPart("plain") { Text = $"Message {i}" } };
        m.From.Add(new MailboxAddress("News", "news@example.com"));
        m.To.Add(new MailboxAddress("", $"user{i}@example.org"));
        return m;
    }

    private static SmtpTransport Transport(params (int Port, int Max)[] servers) => new(Options.Create(new SmtpTransportOptions
    {
        Servers = [.. servers.Select((s, i) => new SmtpServerOptions { Name = $"s{i}", Host = "127.0.0.1", Port = s.Port, Security = SmtpSecurity.None, MaxConnections = s.Max, Timeout = TimeSpan.FromSeconds(10) })],
        CoolDown = TimeSpan.FromMinutes(5),
    }));

    [Fact]
    public async Task Many_messages_go_over_a_few_pooled_connections()
    {
        var ct = TestContext.Current.CancellationToken;
        using var sink = await SmtpSink.StartAsync();
        await using var transport = Transport((sink.Port, 2));

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(async worker =>
        {
            var mine = new List<DeliveryResult>();
            for (var batch = 0; batch < 5; batch++)
            {
                await using var session = await transport.OpenSessionAsync("example.org", ct);
                for (var i = 0; i < 10; i++)
                {
                    mine.Add(await session.SendAsync(Message(i), "bounces@example.com", $"user{worker}-{batch}-{i}@example.org", ct));
                }
            }

            return mine;
        }));

        Assert.All(results.SelectMany(r => r), r => Assert.Equal((DeliveryOutcome.Sent, 250, "s0"), (r.Outcome, r.Code, r.Server)));
        await sink.WaitForAsync(200, TimeSpan.FromSeconds(10));
        Assert.Equal(200, sink.Received);
        var stats = Assert.Single(transport.Stats());
        Assert.Equal(200, stats.Sent);
        Assert.InRange(stats.IdleConnections, 1, 2); // two connections at most, kept for the next batch
    }

    [Fact]
    public async Task A_server_that_refuses_connections_is_reported_and_the_next_sessions_use_the_other()
    {
        var ct = TestContext.Current.CancellationToken;
        using var sink = await SmtpSink.StartAsync();
        var closed = SmtpSink.FreePort();
        await using var transport = Transport((closed, 5), (sink.Port, 5));

        var outcomes = new List<DeliveryResult>();
        for (var i = 0; i < 6; i++)
        {
            await using var session = await transport.OpenSessionAsync("example.org", ct);
            outcomes.Add(await session.SendAsync(Message(i), "bounces@example.com", $"user{i}@example.org", ct));
        }

        // At most one session met the closed port (then it cools down); every other message went to the sink.
        Assert.InRange(outcomes.Count(o => o.Outcome == DeliveryOutcome.Unavailable), 0, 1);
        Assert.All(outcomes.Where(o => o.Outcome == DeliveryOutcome.Unavailable), o => Assert.Contains("cannot connect", o.Reply, StringComparison.Ordinal));
        Assert.Equal(outcomes.Count(o => o.Outcome == DeliveryOutcome.Sent), sink.Received);
        Assert.InRange(sink.Received, 5, 6);
    }

    [Theory]
    [InlineData("-r", "RCPT", DeliveryOutcome.Deferred, "450 4.3.0 Error: command failed")]
    [InlineData("-f", "RCPT", DeliveryOutcome.Failed, "500 5.3.0 Error: command failed")]
    [InlineData("-r", ".", DeliveryOutcome.Deferred, "450 4.3.0 Error: command failed")]
    [InlineData("-f", ".", DeliveryOutcome.Failed, "500 5.3.0 Error: command failed")]
    [InlineData("-Q", ".", DeliveryOutcome.Deferred, "421")]
    [InlineData("-q", ".", DeliveryOutcome.Deferred, "connection lost before the server accepted the message")]
    [InlineData("-q", "DATA", DeliveryOutcome.Deferred, "connection lost before the server accepted the message")]
    public async Task Server_replies_and_hang_ups_become_outcomes_with_the_full_reply(string fault, string command, DeliveryOutcome expected, string reply)
    {
        var ct = TestContext.Current.CancellationToken;
        using var sink = await SmtpSink.StartAsync(fault, command);
        await using var transport = Transport((sink.Port, 1));
        await using var session = await transport.OpenSessionAsync("example.org", ct);

        var first = await session.SendAsync(Message(1), "bounces@example.com", "user1@example.org", ct);
        var second = await session.SendAsync(Message(2), "bounces@example.com", "user2@example.org", ct); // the session goes on (reconnecting if it must)

        Assert.Equal(expected, first.Outcome);
        Assert.Contains(reply, first.Reply, StringComparison.Ordinal);
        Assert.Equal(expected, second.Outcome);
        if (command != ".")
        {
            Assert.Equal(0, sink.Received); // (smtp-sink writes its dump file before it answers the final dot)
        }
    }

    [Theory]
    [InlineData(false, SmtpSecurity.StartTls)]
    [InlineData(true, SmtpSecurity.SslOnConnect)]
    public async Task Tls_and_auth_against_a_server_that_requires_them(bool implicitTls, SmtpSecurity security)
    {
        var ct = TestContext.Current.CancellationToken;
        using var server = await TlsAuthSmtpServer.StartAsync(implicitTls, "campaigns", "s3cret pass");
        SmtpTransport Transport(string password) => new(Options.Create(new SmtpTransportOptions
        {
            Servers = [new SmtpServerOptions
            {
                Name = "relay", Host = "127.0.0.1", Port = server.Port, Security = security, Username = "campaigns", Password = password,
                AcceptAnyCertificate = true, Timeout = TimeSpan.FromSeconds(10),
            }],
        }));

        await using (var good = Transport("s3cret pass"))
        {
            await using var session = await good.OpenSessionAsync("example.org", ct);
            var first = await session.SendAsync(Message(1), "bounces@example.com", "user1@example.org", ct);
            var second = await session.SendAsync(Message(2), "bounces@example.com", "user2@example.org", ct);
            Assert.Equal((DeliveryOutcome.Sent, DeliveryOutcome.Sent), (first.Outcome, second.Outcome));
            Assert.Contains("queued", first.Reply, StringComparison.Ordinal);
        }

        Assert.Equal(2, server.Received);
        await using var bad = Transport("wrong");
        await using var refused = await bad.OpenSessionAsync("example.org", ct);
        var result = await refused.SendAsync(Message(3), "bounces@example.com", "user3@example.org", ct);
        Assert.Equal(DeliveryOutcome.Unavailable, result.Outcome);
        Assert.Contains("cannot connect", result.Reply, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", result.Reply, StringComparison.Ordinal); // never the password
        Assert.Equal(2, server.Received);
    }

    [Fact]
    public async Task Starttls_required_by_us_is_refused_by_a_server_without_it()
    {
        var ct = TestContext.Current.CancellationToken;
        using var sink = await SmtpSink.StartAsync(); // smtp-sink offers no STARTTLS
        await using var transport = new SmtpTransport(Options.Create(new SmtpTransportOptions
        {
            Servers = [new SmtpServerOptions { Host = "127.0.0.1", Port = sink.Port, Security = SmtpSecurity.StartTls }],
        }));
        await using var session = await transport.OpenSessionAsync("example.org", ct);

        var result = await session.SendAsync(Message(1), "bounces@example.com", "user1@example.org", ct);

        Assert.Equal(DeliveryOutcome.Unavailable, result.Outcome); // never falls back to sending in the clear
        Assert.Equal(0, sink.Received);
    }

    [Fact]
    public async Task A_certificate_that_does_not_validate_is_refused_and_nothing_is_sent()
    {
        var ct = TestContext.Current.CancellationToken;
        using var server = await TlsAuthSmtpServer.StartAsync(implicitTls: false, "campaigns", "pw");
        await using var transport = new SmtpTransport(Options.Create(new SmtpTransportOptions
        {
            Servers = [new SmtpServerOptions { Host = "127.0.0.1", Port = server.Port, Security = SmtpSecurity.StartTls, Username = "campaigns", Password = "pw" }],
        }));
        await using var session = await transport.OpenSessionAsync("example.org", ct);

        var result = await session.SendAsync(Message(1), "bounces@example.com", "user1@example.org", ct);

        Assert.Equal(DeliveryOutcome.Unavailable, result.Outcome); // self-signed, and AcceptAnyCertificate is off
        Assert.Equal(0, server.Received);
    }

    [Fact]
    public async Task A_server_that_accepts_the_connection_and_never_answers_times_out_as_unavailable()
    {
        var ct = TestContext.Current.CancellationToken;
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start(); // accepts (the kernel completes the handshake) and never says a word
        var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
        await using var transport = new SmtpTransport(Options.Create(new SmtpTransportOptions
        {
            Servers = [new SmtpServerOptions { Host = "127.0.0.1", Port = port, Security = SmtpSecurity.None, Timeout = TimeSpan.FromSeconds(2) }],
        }));
        await using var session = await transport.OpenSessionAsync("example.org", ct);

        var result = await session.SendAsync(Message(1), "bounces@example.com", "user1@example.org", ct);

        Assert.Equal(DeliveryOutcome.Unavailable, result.Outcome);
    }

    [Fact]
    public async Task Addresses_with_a_quote_or_a_non_ascii_local_part_get_an_outcome()
    {
        var ct = TestContext.Current.CancellationToken;
        using var sink = await SmtpSink.StartAsync();
        await using var transport = Transport((sink.Port, 1));
        await using var session = await transport.OpenSessionAsync("example.org", ct);

        var quoted = await session.SendAsync(Message(1), "bounces@example.com", "\"john doe\"@example.org", ct);
        var utf8 = await session.SendAsync(Message(2), "bounces@example.com", "zoë@example.org", ct);
        var broken = await session.SendAsync(Message(3), "bounces@example.com", "not an address", ct);

        Assert.Equal(DeliveryOutcome.Sent, quoted.Outcome);
        Assert.Equal(DeliveryOutcome.Sent, utf8.Outcome); // smtp-sink offers SMTPUTF8
        Assert.Equal(DeliveryOutcome.Failed, broken.Outcome);
        Assert.StartsWith("not sent:", broken.Reply, StringComparison.Ordinal);
    }
}
