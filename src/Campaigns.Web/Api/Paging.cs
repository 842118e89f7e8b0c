namespace Campaigns.Web.Api;

/// <summary>Offset and limit as the API accepts them: 50 by default, at most 500.</summary>
public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static (int Offset, int Limit) Clamp(int? offset, int? limit) =>
        (Math.Max(0, offset ?? 0), Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit));

    /// <summary>Pages a collection that is small enough to read whole (lists, templates, campaigns, imports).</summary>
    public static Page<T> Of<T>(IReadOnlyList<T> all, int? offset, int? limit)
    {
        var (o, l) = Clamp(offset, limit);
        return new Page<T>([.. all.Skip(o).Take(l)], o, l, all.Count);
    }
}
