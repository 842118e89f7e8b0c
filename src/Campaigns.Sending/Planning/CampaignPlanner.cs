using Campaigns.Core.Common;
using Campaigns.Core.Suppressions;
using Campaigns.Data.Sending;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Campaigns.Sending.Planning;

/// <summary>
/// Streams a campaign's audience (deduplicated across its lists, minus blocklisted, unsubscribed and
/// suppressed addresses) into the send ledger, grouped by recipient domain into batches. Writes go in chunks,
/// each in its own transaction, so sending starts while planning goes on; a planner that dies is replaced and
/// the new one skips recipients already in the ledger.
/// </summary>
public sealed partial class CampaignPlanner(SendLedger ledger, LedgerDispatch dispatch, IClock clock, IOptions<SendingOptions> options, ILogger<CampaignPlanner> logger)
{
    private const int RowsPerTransaction = 5000;

    public async Task<long> PlanAsync(long campaignId, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var batchSize = Math.Clamp(o.BatchSize, 1, 10_000);
        var suppressedDomains = await ledger.SuppressedDomainsAsync(cancellationToken);
        var chunk = new List<PlannedBatch>();
        var chunkRows = 0;
        long written = 0;
        var domain = "";
        var current = new List<PlannedRecipient>();
        var mixed = new List<PlannedRecipient>();
        var renewedAt = clock.UtcNow;

        async Task FlushAsync()
        {
            if (chunk.Count == 0)
            {
                return;
            }

            written += await ledger.WritePlanAsync(campaignId, chunk, cancellationToken);
            chunk.Clear();
            chunkRows = 0;
            if (clock.UtcNow - renewedAt > o.Lease / 3)
            {
                renewedAt = clock.UtcNow;
                if (!await dispatch.RenewPlanningAsync(campaignId, clock.UtcNow + o.Lease, cancellationToken))
                {
                    throw new OperationCanceledException($"Campaign {campaignId} left planning (paused or cancelled).");
                }
            }
        }

        void Add(PlannedBatch batch)
        {
            chunk.Add(batch);
            chunkRows += batch.Recipients.Count;
        }

        // A domain with fewer recipients than a quarter batch goes into a mixed batch: one message per domain would flood the bus.
        void CloseDomain()
        {
            if (current.Count >= batchSize / 4 || batchSize < 4)
            {
                Add(new PlannedBatch(domain, [.. current]));
            }
            else
            {
                mixed.AddRange(current);
                if (mixed.Count >= batchSize)
                {
                    Add(new PlannedBatch("", [.. mixed]));
                    mixed.Clear();
                }
            }

            current.Clear();
        }

        await foreach (var r in ledger.StreamAudienceAsync(campaignId, cancellationToken))
        {
            if (r.Domain != domain)
            {
                CloseDomain();
                domain = r.Domain;
            }

            if (IsSuppressed(r.Domain, suppressedDomains))
            {
                continue;
            }

            current.Add(r);
            if (current.Count == batchSize)
            {
                Add(new PlannedBatch(domain, [.. current]));
                current.Clear();
            }

            if (chunkRows >= RowsPerTransaction)
            {
                await FlushAsync();
            }
        }

        CloseDomain();
        if (mixed.Count > 0)
        {
            Add(new PlannedBatch("", [.. mixed]));
        }

        await FlushAsync();
        await dispatch.FinishPlanningAsync(campaignId, cancellationToken);
        LogPlanned(campaignId, written);
        return written;
    }

    private static bool IsSuppressed(string domain, HashSet<string> suppressed) =>
        suppressed.Count > 0 && SuppressionTarget.DomainCandidates(domain).Any(suppressed.Contains);

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId} planned: {Rows} recipients written to the ledger")]
    private partial void LogPlanned(long campaignId, long rows);
}
