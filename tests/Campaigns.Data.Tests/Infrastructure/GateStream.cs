namespace Campaigns.Data.Tests.Infrastructure;

/// <summary>
/// A seekable in-memory stream that stops (blocks) once a given number of bytes has been read in total,
/// until <see cref="Open"/> is called: it holds an import in the middle of its work.
/// </summary>
internal sealed class GateStream(byte[] data, long blockAfterTotalBytes) : Stream
{
    private readonly MemoryStream _inner = new(data);
    private readonly ManualResetEventSlim _gate = new(false);
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _total;

    public Task Reached => _reached.Task;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _inner.Length;

    public override long Position
    {
        get => _inner.Position;
        set => _inner.Position = value;
    }

    public void Open() => _gate.Set();

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_total >= blockAfterTotalBytes)
        {
            _reached.TrySetResult();
            _gate.Wait(TimeSpan.FromSeconds(30));
        }
        else
        {
            count = (int)Math.Min(count, blockAfterTotalBytes - _total);
        }

        var n = _inner.Read(buffer, offset, count);
        _total += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gate.Set();
            _gate.Dispose();
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
