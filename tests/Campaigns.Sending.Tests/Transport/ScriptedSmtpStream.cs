using System.Text;

namespace Campaigns.Sending.Tests.Transport;

/// <summary>
/// A duplex stream that plays the server's side of an SMTP transcript and records what the client wrote, in the manner
/// of MailKit's own replay tests. A transcript has one line per step:
/// <c>S: 250 2.1.0 Ok</c> (a server line; consecutive ones go out together), <c>C: MAIL FROM:&lt;a@b&gt;</c> (the client must
/// write a line starting with this, case-insensitively), <c>C: &lt;message&gt;</c> (the client sends message data up to the
/// line with a single dot), and <c>!: hang up</c> (the server closes: reads end, writes fail).
/// A client that does not follow the script gets an <see cref="InvalidOperationException"/> naming the step.
/// </summary>
internal sealed class ScriptedSmtpStream : Stream
{
    private readonly Queue<Step> steps;
    private readonly StringBuilder unread = new();
    private readonly StringBuilder transcript = new();
    private byte[] pending = [];
    private int pendingOffset;
    private bool hungUp;

    public ScriptedSmtpStream(string script)
    {
        steps = new Queue<Step>(Parse(script));
    }

    /// <summary>Every command line the client wrote (message data not included).</summary>
    public List<string> ClientCommands { get; } = [];

    /// <summary>The message data of each DATA, without the terminating dot.</summary>
    public List<string> Messages { get; } = [];

    public bool ScriptCompleted => steps.Count == 0;

    public bool IsClosed { get; private set; }

    public string Transcript => transcript.ToString();

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => ReadCore(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => ReadCore(buffer);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(ReadCore(buffer.AsSpan(offset, count)));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ReadCore(buffer.Span));

    public override void Write(byte[] buffer, int offset, int count) => WriteCore(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer) => WriteCore(buffer);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        WriteCore(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        WriteCore(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        IsClosed = true;
        base.Dispose(disposing);
    }

    private void WriteCore(ReadOnlySpan<byte> buffer)
    {
        if (hungUp || IsClosed)
        {
            throw new IOException("Connection reset by peer (the script hung up)");
        }

        var text = Encoding.Latin1.GetString(buffer);
        unread.Append(text);
        transcript.Append("C: ").Append(text);
    }

    private int ReadCore(Span<byte> buffer)
    {
        while (true)
        {
            if (pendingOffset < pending.Length)
            {
                var n = Math.Min(buffer.Length, pending.Length - pendingOffset);
                pending.AsSpan(pendingOffset, n).CopyTo(buffer);
                pendingOffset += n;
                return n;
            }

            if (hungUp || steps.Count == 0)
            {
                return 0;
            }

            var step = steps.Dequeue();
            switch (step.Kind)
            {
                case StepKind.Reply:
                    var reply = new StringBuilder(step.Text).Append("\r\n");
                    while (steps.TryPeek(out var next) && next.Kind == StepKind.Reply)
                    {
                        reply.Append(steps.Dequeue().Text).Append("\r\n");
                    }

                    pending = Encoding.Latin1.GetBytes(reply.ToString());
                    pendingOffset = 0;
                    transcript.Append("S: ").Append(reply);

                    // A server that answers and closes: the client still reads the answer, but cannot write any more.
                    if (steps.TryPeek(out var after) && after.Kind == StepKind.HangUp)
                    {
                        steps.Dequeue();
                        hungUp = true;
                    }

                    break;
                case StepKind.Command:
                    var line = TakeLine() ?? throw Mismatch(step, "the client wrote nothing more and waits for a reply");
                    ClientCommands.Add(line);
                    if (!line.StartsWith(step.Text, StringComparison.OrdinalIgnoreCase))
                    {
                        throw Mismatch(step, $"the client wrote '{line}'");
                    }

                    break;
                case StepKind.MessageData:
                    var all = unread.ToString();
                    var end = all.StartsWith(".\r\n", StringComparison.Ordinal) ? 0 : all.IndexOf("\r\n.\r\n", StringComparison.Ordinal);
                    if (end < 0)
                    {
                        throw Mismatch(step, "the client did not end the message data with a single dot");
                    }

                    Messages.Add(end == 0 ? "" : all[..(end + 2)]);
                    unread.Remove(0, end == 0 ? 3 : end + 5);
                    break;
                case StepKind.HangUp:
                    hungUp = true;
                    return 0;
            }
        }
    }

    private string? TakeLine()
    {
        var all = unread.ToString();
        var end = all.IndexOf("\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return null;
        }

        unread.Remove(0, end + 2);
        return all[..end];
    }

    private InvalidOperationException Mismatch(Step step, string what)
    {
        hungUp = true;
        return new InvalidOperationException($"SMTP script expected {step} but {what}. Transcript so far:\n{Transcript}");
    }

    private static IEnumerable<Step> Parse(string script)
    {
        foreach (var raw in script.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            line = line.TrimStart();
            var text = line.Length > 3 ? line[3..] : "";
            yield return line[..3] switch
            {
                "S: " => new Step(StepKind.Reply, text),
                "C: " when text == "<message>" => new Step(StepKind.MessageData, text),
                "C: " => new Step(StepKind.Command, text),
                "!: " => new Step(StepKind.HangUp, text),
                _ => throw new ArgumentException($"bad script line '{line}'", nameof(script)),
            };
        }
    }

    private enum StepKind
    {
        Reply,
        Command,
        MessageData,
        HangUp,
    }

    private sealed record Step(StepKind Kind, string Text)
    {
        public override string ToString() => Kind switch
        {
            StepKind.Command => $"the client to write '{Text}'",
            StepKind.MessageData => "message data",
            _ => $"{Kind} '{Text}'",
        };
    }
}
