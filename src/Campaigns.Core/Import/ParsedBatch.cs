namespace Campaigns.Core.Import;

/// <summary>A batch of rows read and checked, waiting to be written; <paramref name="BytesRead"/> is how far into the file it ends.</summary>
internal sealed record ParsedBatch(List<ImportCandidate> Candidates, ImportBatchPlan Plan, long BytesRead);
