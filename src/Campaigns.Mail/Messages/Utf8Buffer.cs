using System.Buffers;
using System.Text;

namespace Campaigns.Mail.Messages;

/// <summary>
/// A message body as UTF-8 bytes in a buffer rented from the shared pool: what MimeKit reads when it signs and sends
/// the message, written once per recipient without an intermediate string. Dispose returns the buffer, so it must
/// outlive every read of the message.
/// </summary>
public sealed class Utf8Buffer : IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(8192);
    private int _length;

    public int Length => _length;

    public void Append(ReadOnlySpan<char> text)
    {
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_length + most > _buffer.Length)
        {
            Grow(Math.Max(_length + Encoding.UTF8.GetByteCount(text), _buffer.Length * 2));
        }

        _length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
    }

    /// <summary>A read-only stream over the bytes written so far (for <see cref="MimeKit.MimeContent"/>).</summary>
    public Stream AsStream() => new MemoryStream(_buffer, 0, _length, writable: false, publiclyVisible: true);

    public override string ToString() => Encoding.UTF8.GetString(_buffer, 0, _length);

    private void Grow(int size)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
            _length = 0;
        }
    }
}
