namespace Campaigns.Core.Import;

public enum ImportMode
{
    /// <summary>New addresses are created and added; existing subscribers are added to the list but not changed.</summary>
    Add,

    /// <summary>Like <see cref="Add"/>, and existing subscribers get the file's name and attributes.</summary>
    Upsert,

    /// <summary>Members of the list in the file are unsubscribed from it.</summary>
    Unsubscribe,

    /// <summary>Addresses in the file are blocklisted (created if new) and unsubscribed from every list.</summary>
    Blocklist,
}
