using Campaigns.Core.Import;

namespace Campaigns.Web.Api;

/// <summary>Adds or updates subscribers in a list (up to 10,000 per request), with the import's modes and report.</summary>
public sealed record SubscribersRequest(long ListId, IReadOnlyList<SubscriberInput> Subscribers, ImportMode Mode = ImportMode.Upsert);
