using Campaigns.Data.Sending;

namespace Campaigns.Sending.Delivery;

/// <summary>Hands one connection its send slots for a domain, waiting until each is due.</summary>
public sealed class DomainPacer
{
    private readonly DomainThrottle _throttle;
    private readonly string _domain;
    private readonly long _intervalUs;
    private readonly int _chunk;
    private long _next;
    private int _left;

    internal DomainPacer(DomainThrottle throttle, string domain, ThrottleRule rule)
    {
        _throttle = throttle;
        _domain = domain;
        _intervalUs = Math.Max(1, (long)(1_000_000 / rule.PerSecond));
        _chunk = (int)Math.Clamp(rule.PerSecond / 10, 1, 50);
        BackoffLevel = 0;
    }

    /// <summary>The domain's back-off level when slots were last taken (0 when it is not recovering from one).</summary>
    public int BackoffLevel { get; private set; }

    /// <summary>Waits for the next slot; returns the time the domain backs off until instead when it is backing off.</summary>
    public async Task<DateTimeOffset?> WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var nowUs = UnixMicros.From(_throttle.Now);
            // Drop slots we were too slow to use: sending on them now would bunch messages above the rate.
            while (_left > 0 && _next < nowUs - (long)DomainThrottle.Late.TotalMicroseconds)
            {
                _next += _intervalUs;
                _left--;
            }

            if (_left == 0)
            {
                var reservation = await _throttle.ReserveAsync(_domain, _chunk, _intervalUs, cancellationToken);
                if (reservation.IsBackingOff)
                {
                    return UnixMicros.ToTime(reservation.BackoffUntilUs);
                }

                BackoffLevel = reservation.BackoffLevel;
                (_next, _left) = (reservation.FirstSlotUs, reservation.Count);
                continue;
            }

            var wait = _next - nowUs;
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromMicroseconds(wait), cancellationToken);
            }

            _next += _intervalUs;
            _left--;
            return null;
        }
    }
}
