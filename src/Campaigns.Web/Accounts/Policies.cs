using Campaigns.Core.Accounts;

namespace Campaigns.Web.Accounts;

/// <summary>Authorization policy names, one per role; a higher role passes every lower policy.</summary>
public static class Policies
{
    public const string Viewer = "viewer";
    public const string Editor = "editor";
    public const string Admin = "admin";

    public static string For(UserRole role) => role switch
    {
        UserRole.Admin => Admin,
        UserRole.Editor => Editor,
        _ => Viewer,
    };
}
