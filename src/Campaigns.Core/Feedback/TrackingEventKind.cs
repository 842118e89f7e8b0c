namespace Campaigns.Core.Feedback;

public enum TrackingEventKind
{
    Open,
    Click,
}
