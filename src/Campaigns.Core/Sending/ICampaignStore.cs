namespace Campaigns.Core.Sending;

public interface ICampaignStore
{
    Task<Campaign> CreateAsync(CampaignDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Changes content and audience; only while the campaign is a draft or scheduled.</summary>
    Task<Campaign> UpdateAsync(long id, CampaignDraft draft, CancellationToken cancellationToken = default);

    Task<Campaign?> GetAsync(long id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Campaign>> ListAsync(int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>Moves a campaign to <paramref name="to"/> when it is in one of <paramref name="from"/>; false when it was not.</summary>
    Task<bool> TransitionAsync(long id, CampaignStatus[] from, CampaignStatus to, DateTimeOffset? sendAt = null, string? timeZone = null,
        CancellationToken cancellationToken = default);

    Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default);
}
