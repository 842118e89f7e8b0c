using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Campaigns.Core.Import;

/// <summary>
/// Remembers which normalized addresses a file already had, and on which line. Holds a 64-bit hash per address
/// rather than the string, so a million rows cost about 20 MB; a false duplicate needs a 64-bit collision.
/// </summary>
internal sealed class DuplicateTracker
{
    private readonly Dictionary<ulong, long> _firstLine = [];

    /// <summary>Records the key; returns the line of an earlier occurrence, or 0 when it is new.</summary>
    public long Add(string key, long line)
    {
        var hash = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(key.AsSpan()));
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_firstLine, hash, out var exists);
        if (exists)
        {
            return slot;
        }

        slot = line;
        return 0;
    }
}
