namespace Campaigns.Core.Common;

/// <summary>The current time, injectable so tests can pin it.</summary>
public interface IClock
{
    DateTimeOffset UtcNow { get; }
}
