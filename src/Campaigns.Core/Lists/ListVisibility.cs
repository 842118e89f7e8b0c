namespace Campaigns.Core.Lists;

/// <summary>Public lists can be joined from subscribe forms and shown in the preference centre.</summary>
public enum ListVisibility
{
    Private,
    Public,
}
