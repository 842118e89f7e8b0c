namespace Campaigns.Web.Components.Shared;

/// <summary>Waits for a pause in typing: each call cancels the one before, and only the last one's wait ends true.</summary>
public sealed class TypingPause(TimeSpan pause)
{
    private CancellationTokenSource? _current;

    public async Task<bool> WaitAsync()
    {
        var mine = new CancellationTokenSource();
        var previous = Interlocked.Exchange(ref _current, mine);
        if (previous is not null)
        {
            await previous.CancelAsync();
            previous.Dispose();
        }

        try
        {
            await Task.Delay(pause, mine.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }
}
