namespace Campaigns.Core.Lists;

/// <summary>Double opt-in lists only mail members who confirmed by a link.</summary>
public enum OptInKind
{
    Single,
    Double,
}
