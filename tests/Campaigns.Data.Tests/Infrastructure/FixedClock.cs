using Campaigns.Core.Common;

namespace Campaigns.Data.Tests.Infrastructure;

public sealed class FixedClock(DateTimeOffset now) : IClock
{
    public DateTimeOffset UtcNow { get; set; } = now;
}
