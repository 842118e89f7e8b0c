using Campaigns.Core.Common;

namespace Campaigns.Core.Sending;

/// <summary>
/// What a marketer does to a campaign once written: schedule, start, pause, resume, cancel. Each is a guarded
/// status change, so two people clicking at once cannot, say, resume a cancelled campaign.
/// </summary>
public sealed class CampaignCommands(ICampaignStore campaigns, ICampaignControl control, IClock clock)
{
    /// <summary>Schedules at a local time in a time zone (IANA or Windows id); a time in the past starts it at once.</summary>
    public async Task ScheduleAsync(long id, DateTime localTime, string timeZone, CancellationToken cancellationToken = default)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone))
        {
            throw new ValidationException($"'{timeZone}' is not a known time zone.");
        }

        var local = DateTime.SpecifyKind(localTime, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            throw new ValidationException($"{local:yyyy-MM-dd HH:mm} does not exist in {zone.Id} (the clocks skip it).");
        }

        var utc = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
        await Require(id, [CampaignStatus.Draft, CampaignStatus.Scheduled], CampaignStatus.Scheduled, "scheduled", utc, zone.Id, cancellationToken);
    }

    /// <summary>Starts now: the next dispatcher round plans the audience and sends.</summary>
    public Task StartAsync(long id, CancellationToken cancellationToken = default) =>
        Require(id, [CampaignStatus.Draft, CampaignStatus.Scheduled], CampaignStatus.Scheduled, "started", clock.UtcNow, null, cancellationToken);

    /// <summary>Workers stop after the message in hand; what is not sent stays queued.</summary>
    public Task PauseAsync(long id, CancellationToken cancellationToken = default) =>
        Require(id, [CampaignStatus.Planning, CampaignStatus.Sending], CampaignStatus.Paused, "paused", null, null, cancellationToken);

    public async Task ResumeAsync(long id, CancellationToken cancellationToken = default)
    {
        await Require(id, [CampaignStatus.Paused], CampaignStatus.Sending, "resumed", null, null, cancellationToken);
        await control.ReleaseHeldBatchesAsync(id, cancellationToken);
    }

    /// <summary>Nothing more is sent; what was not sent is recorded as cancelled.</summary>
    public async Task CancelAsync(long id, CancellationToken cancellationToken = default)
    {
        await Require(id, [CampaignStatus.Scheduled, CampaignStatus.Planning, CampaignStatus.Sending, CampaignStatus.Paused],
            CampaignStatus.Cancelled, "cancelled", null, null, cancellationToken);
        await control.CancelUnsentAsync(id, cancellationToken);
    }

    private async Task Require(long id, CampaignStatus[] from, CampaignStatus to, string verb, DateTimeOffset? sendAt, string? timeZone, CancellationToken cancellationToken)
    {
        var campaign = await campaigns.GetAsync(id, cancellationToken) ?? throw new NotFoundException($"Campaign {id} does not exist.");
        if (!await campaigns.TransitionAsync(id, from, to, sendAt, timeZone, cancellationToken))
        {
            var now = await campaigns.GetAsync(id, cancellationToken) ?? campaign;
            throw new ValidationException($"Campaign '{campaign.Name}' is {now.Status.ToString().ToLowerInvariant()} and cannot be {verb}.");
        }
    }
}
