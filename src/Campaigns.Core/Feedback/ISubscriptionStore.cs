using Campaigns.Core.Subscribers;

namespace Campaigns.Core.Feedback;

/// <summary>Joining lists from a public form, and confirming by the link of a double opt-in mail.</summary>
public interface ISubscriptionStore
{
    /// <summary>
    /// Subscribes to public lists only. Double opt-in lists get an unconfirmed membership until the link is followed;
    /// someone who unsubscribed before must confirm again even on a single opt-in list.
    /// </summary>
    Task<IReadOnlyList<SubscribeResult>> SubscribeAsync(NormalizedEmail email, string name, IReadOnlyCollection<long> listIds, CancellationToken cancellationToken = default);

    /// <summary>Confirms an unconfirmed membership; false when there is none (already confirmed, unsubscribed since, or gone).</summary>
    Task<bool> ConfirmAsync(long subscriberId, long listId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Lists.MailingList>> PublicListsAsync(CancellationToken cancellationToken = default);
}
