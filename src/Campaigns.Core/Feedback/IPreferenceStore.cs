namespace Campaigns.Core.Feedback;

/// <summary>What readers change themselves: unsubscribing (one click or a page) and the preference centre.</summary>
public interface IPreferenceStore
{
    /// <summary>
    /// Unsubscribes from the campaign's lists (or from every list when <paramref name="campaignId"/> is null or
    /// <paramref name="everything"/> is set); returns the lists left. Doing it twice changes nothing more.
    /// </summary>
    Task<IReadOnlyList<string>> UnsubscribeAsync(long subscriberId, long? campaignId, bool everything, string source, CancellationToken cancellationToken = default);

    Task<SubscriberPreferences?> GetPreferencesAsync(long subscriberId, CancellationToken cancellationToken = default);

    /// <summary>Keeps the reader on exactly <paramref name="subscribedListIds"/> among the lists they may choose (their own and public ones).</summary>
    Task SavePreferencesAsync(long subscriberId, IReadOnlySet<long> subscribedListIds, CancellationToken cancellationToken = default);
}
