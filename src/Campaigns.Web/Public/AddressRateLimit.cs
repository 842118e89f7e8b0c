using System.Collections.Concurrent;

namespace Campaigns.Web.Public;

/// <summary>
/// At most a few subscribe requests per address per hour, so a form cannot be used to flood someone's mailbox
/// with confirmation mails. In memory: each web process counts its own (the per-IP limit is the other guard).
/// </summary>
public sealed class AddressRateLimit(TimeProvider time)
{
    public const int PerHour = 3;
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _seen = new(StringComparer.Ordinal);

    public bool TryAcquire(string emailKey)
    {
        var now = time.GetUtcNow();
        if (_seen.Count > 100_000)
        {
            foreach (var (key, q) in _seen)
            {
                lock (q)
                {
                    if (q.Count == 0 || now - q.Peek() > TimeSpan.FromHours(1))
                    {
                        _seen.TryRemove(key, out _);
                    }
                }
            }
        }

        var times = _seen.GetOrAdd(emailKey, _ => new Queue<DateTimeOffset>());
        lock (times)
        {
            while (times.Count > 0 && now - times.Peek() > TimeSpan.FromHours(1))
            {
                times.Dequeue();
            }

            if (times.Count >= PerHour)
            {
                return false;
            }

            times.Enqueue(now);
            return true;
        }
    }
}
