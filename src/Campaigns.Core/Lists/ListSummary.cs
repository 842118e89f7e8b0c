namespace Campaigns.Core.Lists;

/// <summary>A list with its membership counts, for overviews.</summary>
public sealed record ListSummary(MailingList List, long Confirmed, long Unconfirmed, long Unsubscribed)
{
    public long Total => Confirmed + Unconfirmed + Unsubscribed;
}
