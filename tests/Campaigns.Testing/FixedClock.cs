using Campaigns.Core.Common;

namespace Campaigns.Testing;

public sealed class FixedClock(DateTimeOffset now) : IClock
{
    public DateTimeOffset UtcNow { get; set; } = now;
}
