namespace Campaigns.Core.Subscribers;

public interface ISubscriberStore
{
    /// <summary>Counts subscribers: everyone, or the members of one list (optionally with one membership status).</summary>
    Task<long> CountAsync(long? listId = null, MembershipStatus? status = null, CancellationToken cancellationToken = default);

    /// <summary>A page of subscribers matching an email prefix or part of a name, ordered by email.</summary>
    Task<IReadOnlyList<Subscriber>> FindAsync(SubscriberQuery query, CancellationToken cancellationToken = default);

    /// <summary>How many subscribers match the query's filters (its paging ignored).</summary>
    Task<long> CountAsync(SubscriberQuery query, CancellationToken cancellationToken = default);

    Task<Subscriber?> GetAsync(long id, CancellationToken cancellationToken = default);

    Task<Subscriber?> GetByEmailAsync(string email, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ListMembership>> GetMembershipsAsync(long subscriberId, CancellationToken cancellationToken = default);
}
