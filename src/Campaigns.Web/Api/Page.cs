namespace Campaigns.Web.Api;

/// <summary>A page of a collection: every collection in the API answers in this shape (see <see cref="Paging"/>).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Offset, int Limit, long Total);
