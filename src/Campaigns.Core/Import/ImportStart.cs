namespace Campaigns.Core.Import;

public sealed record ImportStart(long ListId, string FileName, ImportMode Mode, long BytesTotal, DateTimeOffset StartedAt);
