namespace Campaigns.Core.Accounts;

/// <summary>What a signed-in person may do: viewers read reports, editors also change lists, templates and campaigns, admins everything.</summary>
public enum UserRole
{
    Viewer,
    Editor,
    Admin,
}
