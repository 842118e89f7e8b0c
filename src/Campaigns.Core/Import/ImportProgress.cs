namespace Campaigns.Core.Import;

/// <param name="BytesTotal">The file's size, or -1 when unknown.</param>
public readonly record struct ImportProgress(long RowsRead, long BytesRead, long BytesTotal)
{
    public double? Fraction => BytesTotal > 0 ? Math.Clamp((double)BytesRead / BytesTotal, 0, 1) : null;
}
