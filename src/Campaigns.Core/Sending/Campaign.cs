namespace Campaigns.Core.Sending;

/// <summary>A newsletter sent to one or more lists. <see cref="SendAt"/> is UTC; <see cref="TimeZone"/> is how the marketer chose it.</summary>
public sealed record Campaign(
    long Id,
    string Name,
    string Subject,
    string FromName,
    string FromAddress,
    string? ReplyTo,
    long? TemplateId,
    string Body,
    bool TrackOpens,
    bool TrackClicks,
    CampaignStatus Status,
    DateTimeOffset? SendAt,
    string TimeZone,
    long Planned,
    IReadOnlyList<long> ListIds,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt)
{
    /// <summary>Content and audience can change until the first batch is planned.</summary>
    public bool IsEditable => Status is CampaignStatus.Draft or CampaignStatus.Scheduled;
}
