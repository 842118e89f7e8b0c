namespace Campaigns.Web.Api;

/// <param name="LocalTime">The wall-clock time in <paramref name="TimeZone"/>, e.g. 2026-12-01T09:00:00.</param>
/// <param name="TimeZone">An IANA (Europe/Berlin) or Windows time zone id.</param>
public sealed record ScheduleRequest(DateTime LocalTime, string TimeZone);
