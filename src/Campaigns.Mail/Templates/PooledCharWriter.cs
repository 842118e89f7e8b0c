using System.Buffers;
using System.Text;

namespace Campaigns.Mail.Templates;

/// <summary>
/// Where a template renders: characters in a buffer rented from the shared pool (a campaign renders the same size of
/// message over and over, so the buffers are reused instead of allocated per recipient), and a size limit, so a
/// runaway template cannot eat the worker's memory. Dispose returns the buffer.
/// </summary>
public sealed class PooledCharWriter(int maxChars) : TextWriter
{
    private char[] _buffer = ArrayPool<char>.Shared.Rent(4096);
    private int _length;

    /// <summary>What was written so far; valid until the next write or disposal.</summary>
    public ReadOnlyMemory<char> Written => _buffer.AsMemory(0, _length);

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        Reserve(1)[0] = value;
        _length++;
    }

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(ReadOnlySpan<char> buffer)
    {
        buffer.CopyTo(Reserve(buffer.Length));
        _length += buffer.Length;
    }

    public override Task WriteAsync(char value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(char[] buffer, int index, int count)
    {
        Write(buffer, index, count);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return Task.CompletedTask;
    }

    public override string ToString() => new(_buffer, 0, _length);

    private Span<char> Reserve(int more)
    {
        if (_length + more > maxChars)
        {
            throw new TemplateException(new TemplateError(0, 0, $"the template renders more than {maxChars / (1024 * 1024)} MB (a loop that runs too long?)"));
        }

        if (_length + more > _buffer.Length)
        {
            var bigger = ArrayPool<char>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + more));
            _buffer.AsSpan(0, _length).CopyTo(bigger);
            ArrayPool<char>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        return _buffer.AsSpan(_length, more);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _buffer.Length > 0)
        {
            ArrayPool<char>.Shared.Return(_buffer);
            _buffer = [];
            _length = 0;
        }

        base.Dispose(disposing);
    }
}
