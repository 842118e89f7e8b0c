namespace Campaigns.Mail.Tracking;

/// <summary>What a public link does; part of what its token's MAC covers, so an open token cannot unsubscribe anyone.</summary>
public enum TrackingKind : byte
{
    Open = 1,
    Click = 2,
    Unsubscribe = 3,
    Preferences = 4,
    View = 5,

    /// <summary>The double opt-in link; its campaign field holds the list.</summary>
    Confirm = 6,
}
