namespace Campaigns.Data.Sending;

/// <summary>Throttle and lease times are integers in SQL (microseconds since 1970), compared and added to many times a second.</summary>
public static class UnixMicros
{
    public static long From(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset ToTime(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * 10);
}
