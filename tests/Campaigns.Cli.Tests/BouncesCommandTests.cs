using System.Text.Json;

namespace Campaigns.Cli.Tests;

public sealed class BouncesCommandTests
{
    private const string Dsn = """
        From: MAILER-DAEMON@mail.example.com (Mail Delivery System)
        To: bounces+c1-s2-0a1b2c3d4e5f@bounce.example.com
        Subject: Undelivered Mail Returned to Sender
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="B"

        --B
        Content-Type: text/plain

        <ann@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1 User unknown

        --B
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mail.example.com

        Final-Recipient: rfc822; ann@example.org
        Action: failed
        Status: 5.1.1
        Diagnostic-Code: smtp; 550 5.1.1 <ann@example.org>: Recipient address rejected: User unknown

        --B--
        """;

    private const string Reply = """
        From: Bob <bob@example.org>
        To: news@example.com
        Subject: Re: March newsletter

        Thanks, see you at the event.
        """;

    [Fact]
    public async Task A_dsn_gives_one_hard_line_and_a_reply_gives_notbounce()
    {
        using var cli = new CliRunner();
        var dsn = cli.PathFor("dsn.eml");
        var reply = cli.PathFor("reply.eml");
        await File.WriteAllTextAsync(dsn, Dsn.ReplaceLineEndings("\r\n"));
        await File.WriteAllTextAsync(reply, Reply.ReplaceLineEndings("\n"));

        var (exit, output, error) = await cli.RunAsync("bounces", "parse", dsn, reply);
        Assert.Equal(0, exit);
        Assert.Equal("", error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, lines.Length);

        using var first = JsonDocument.Parse(lines[0]);
        var hard = first.RootElement;
        Assert.Equal(dsn, hard.GetProperty("file").GetString());
        Assert.Equal("ann@example.org", hard.GetProperty("recipient").GetString());
        Assert.Equal("5.1.1", hard.GetProperty("status").GetString());
        Assert.Equal("550", hard.GetProperty("replyCode").GetString());
        Assert.Equal("failed", hard.GetProperty("action").GetString());
        Assert.Equal("hard", hard.GetProperty("kind").GetString());
        Assert.StartsWith("user unknown", hard.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.False(hard.TryGetProperty("feedbackType", out _));

        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal("notbounce", second.RootElement.GetProperty("kind").GetString());

        // The command reads files only: no database was created or migrated.
        Assert.Empty(Directory.EnumerateFiles(cli.DataDirectory, "*.db*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Missing_binary_and_empty_files_are_lines_not_failures()
    {
        using var cli = new CliRunner();
        var binary = cli.PathFor("garbage.eml");
        var empty = cli.PathFor("empty.eml");
        var bytes = new byte[5000];
        new Random(3).NextBytes(bytes);
        await File.WriteAllBytesAsync(binary, bytes);
        await File.WriteAllBytesAsync(empty, []);

        var (exit, output, _) = await cli.RunAsync("bounces", "parse", cli.PathFor("missing.eml"), binary, empty);
        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            Assert.Equal("unknown", json.RootElement.GetProperty("kind").GetString());
            Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("reason").GetString()));
        }
    }

    [Fact]
    public async Task Without_files_it_exits_non_zero()
    {
        using var cli = new CliRunner();
        Assert.NotEqual(0, (await cli.RunAsync("bounces", "parse")).Exit);
    }
}
