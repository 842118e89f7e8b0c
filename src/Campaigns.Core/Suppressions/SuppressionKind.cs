namespace Campaigns.Core.Suppressions;

/// <summary>A suppression covers one address, or a whole domain and its subdomains.</summary>
public enum SuppressionKind
{
    Address,
    Domain,
}
