namespace Campaigns.Data.Sending;

public enum BatchClaim
{
    /// <summary>This worker holds the batch now.</summary>
    Claimed,

    /// <summary>Another worker holds it under a live lease, or it is done: drop the message.</summary>
    NotAvailable,

    /// <summary>The campaign is paused: the batch waits, held, until it resumes.</summary>
    Held,

    /// <summary>The campaign was cancelled or deleted: its unsent rows are recorded as cancelled.</summary>
    Cancelled,
}
