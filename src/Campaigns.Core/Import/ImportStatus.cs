namespace Campaigns.Core.Import;

public enum ImportStatus
{
    Running,
    Completed,
    Failed,
    Cancelled,
}
