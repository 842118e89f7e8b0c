using System.Diagnostics;
using Campaigns.Core.Common;
using Campaigns.Core.Sending;
using Campaigns.Data.Sending;
using Campaigns.Mail.Templates;
using Campaigns.Sending.Bounces;
using Campaigns.Sending.Composition;
using MimeKit;
using Campaigns.Sending.Hosting;
using Campaigns.Sending.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Campaigns.Sending.Delivery;

/// <summary>
/// Sends one SendBatch: claims it under a lease, re-checks each recipient, paces every message on the domain's
/// fleet-wide slots over one pooled connection, and records each outcome durably before the next message. A
/// 4xx backs the domain off and defers the rest of the batch; a pause, cancel or shutdown stops it after the
/// message in hand, and what was not sent goes back to the ledger for whoever comes next.
/// </summary>
public sealed partial class BatchSender(
    SendLedger ledger,
    LedgerWriter writer,
    DomainThrottle throttle,
    CampaignMessageFactory factory,
    IMailTransport transport,
    ICampaignStore campaigns,
    IClock clock,
    IOptions<SendingOptions> options,
    SendingMetrics metrics,
    BounceRecorder bounceRecorder,
    ILogger<BatchSender> logger)
{
    private static readonly TimeSpan ConnectionWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan StatusCheck = TimeSpan.FromSeconds(1);

    public async Task SendAsync(SendBatch batch, CancellationToken cancellationToken)
    {
        var o = options.Value;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["CampaignId"] = batch.CampaignId, ["BatchId"] = batch.BatchId, ["Domain"] = batch.Domain });
        // One holder per attempt, even within a process: the same batch may arrive twice (two dispatchers published it).
        var holder = $"{o.WorkerName}:{Guid.NewGuid():N}";
        var claim = await ledger.ClaimBatchAsync(batch.BatchId, holder, clock.UtcNow + o.Lease, cancellationToken);
        if (claim != BatchClaim.Claimed)
        {
            LogNotClaimed(batch.BatchId, claim);
            metrics.Batch(claim.ToString().ToLowerInvariant());
            return;
        }

        using var leaseLost = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var renewal = new Timer(_ => _ = RenewAsync(batch.BatchId, holder, leaseLost), null, o.Lease / 3, o.Lease / 3);
        var release = ("done", (DateTimeOffset?)null);
        try
        {
            release = await SendRecipientsAsync(batch, leaseLost.Token);
        }
        catch (OperationCanceledException) when (leaseLost.IsCancellationRequested)
        {
            // Shutting down (or the lease was lost): what is not sent goes back to the queue for another worker.
            release = ("pending", null);
        }
        catch (Exception e)
        {
            LogBatchFailed(e, batch.BatchId);
            release = ("pending", clock.UtcNow.AddSeconds(30));
        }
        finally
        {
            await renewal.DisposeAsync();
        }

        await ledger.ReleaseBatchAsync(batch.BatchId, release.Item1, release.Item2, CancellationToken.None);
        metrics.Batch(release.Item1 == "done" ? "sent" : release.Item1 == "held" ? "held" : "requeued");
    }

    private async Task<(string Status, DateTimeOffset? NotBefore)> SendRecipientsAsync(SendBatch batch, CancellationToken cancellationToken)
    {
        var recipients = await ledger.StartBatchAsync(batch.BatchId, batch.CampaignId, cancellationToken);
        var skipped = recipients.Where(r => r.Skip is not null).ToList();
        var suppressedDomains = await ledger.SuppressedDomainsAsync(cancellationToken);
        var toSend = new List<BatchRecipient>();
        foreach (var r in recipients.Where(r => r.Skip is null))
        {
            if (Core.Suppressions.SuppressionTarget.DomainCandidates(r.Domain).FirstOrDefault(suppressedDomains.Contains) is { } domain)
            {
                skipped.Add(r with { Skip = $"the domain {domain} is suppressed" });
            }
            else
            {
                toSend.Add(r);
            }
        }

        await writer.WriteAsync(skipped.Select(r => new SendRecord(batch.CampaignId, r.SubscriberId, SendStatus.Cancelled, r.Skip, CountsAsAttempt: false)));
        if (toSend.Count == 0)
        {
            return ("done", null);
        }

        var prepared = await factory.GetAsync(batch.CampaignId, cancellationToken);
        foreach (var group in toSend.GroupBy(r => r.Domain))
        {
            var outcome = await SendDomainAsync(batch, prepared, group.Key, group.ToList(), cancellationToken);
            if (outcome is not null)
            {
                return outcome.Value;
            }
        }

        return ("done", null);
    }

    /// <summary>Sends one domain's recipients over one connection; a non-null result ends the batch early.</summary>
    private async Task<(string, DateTimeOffset?)?> SendDomainAsync(
        SendBatch batch, PreparedCampaign prepared, string domain, List<BatchRecipient> recipients, CancellationToken cancellationToken)
    {
        var lease = await AcquireConnectionAsync(domain, cancellationToken);
        if (lease is null)
        {
            // Every connection the domain allows is busy elsewhere in the fleet: the batch waits its turn.
            return ("pending", clock.UtcNow.AddSeconds(2));
        }

        await using (lease)
        {
            var pacer = await throttle.PacerAsync(domain, cancellationToken);
            var rule = (await throttle.RuleForAsync(domain, cancellationToken)).Domain;
            await using var session = await transport.OpenSessionAsync(domain, cancellationToken);
            // Checked before the first message too: the batch may have waited seconds for this connection slot, and the
            // campaign may have been paused or cancelled meanwhile.
            var statusCheckedAt = DateTimeOffset.MinValue;
            for (var i = 0; i < recipients.Count; i++)
            {
                if (clock.UtcNow - statusCheckedAt > StatusCheck)
                {
                    statusCheckedAt = clock.UtcNow;
                    var status = (await campaigns.GetAsync(batch.CampaignId, cancellationToken))?.Status;
                    if (status is CampaignStatus.Paused)
                    {
                        return ("held", null);
                    }

                    if (status is not (CampaignStatus.Sending or CampaignStatus.Planning))
                    {
                        await writer.WriteAsync(recipients.Skip(i).Select(r =>
                            new SendRecord(batch.CampaignId, r.SubscriberId, SendStatus.Cancelled, "the campaign was cancelled", CountsAsAttempt: false)));
                        return ("done", null);
                    }
                }

                var recipient = recipients[i];
                var waitStarted = Stopwatch.GetTimestamp();
                var backoff = await pacer.WaitAsync(cancellationToken);
                metrics.ThrottleWait(rule, Stopwatch.GetElapsedTime(waitStarted));
                if (backoff is { } backoffUntil)
                {
                    await DeferAsync(batch, recipients.Skip(i), backoffUntil, "the domain is backing off after a temporary failure", countsAsAttempt: false);
                    return ("done", null);
                }

                ComposedMessage composed;
                try
                {
                    composed = await prepared.ComposeAsync(recipient, clock.UtcNow, cancellationToken);
                }
                catch (Exception e) when (e is TemplateException or FormatException or ParseException or ArgumentException)
                {
                    // This recipient's data breaks the message (a template error on their attributes, an address MimeKit
                    // cannot write): recorded as failed with the reason, and the batch goes on.
                    await writer.WriteAsync(new SendRecord(batch.CampaignId, recipient.SubscriberId, SendStatus.Failed, $"not sent: {e.Message}"));
                    metrics.Message("failed", rule, null);
                    continue;
                }

                // Not the batch's token: a message handed to the server is finished, so its outcome is known and recorded.
                var sendStarted = Stopwatch.GetTimestamp();
                DeliveryResult result;
                string? messageId;
                using (composed)
                {
                    result = await session.SendAsync(composed.Message, composed.EnvelopeFrom, recipient.Email, CancellationToken.None);
                    messageId = composed.Message.MessageId;
                }

                metrics.Message(result.Outcome.ToString().ToLowerInvariant(), rule, result.Server, Stopwatch.GetElapsedTime(sendStarted));
                switch (result.Outcome)
                {
                    case DeliveryOutcome.Sent:
                        await writer.WriteAsync(new SendRecord(batch.CampaignId, recipient.SubscriberId, SendStatus.Sent, result.Reply, messageId, result.Server));
                        if (pacer.BackoffLevel > 0 && i == 0)
                        {
                            await throttle.ResetBackoffAsync(domain, CancellationToken.None);
                        }

                        break;
                    case DeliveryOutcome.Failed:
                        await writer.WriteAsync(new SendRecord(batch.CampaignId, recipient.SubscriberId, SendStatus.Failed, result.Reply, messageId, result.Server));
                        if (result.Code is >= 500 and < 600)
                        {
                            // The server refused this recipient: classified now, and a hard bounce is suppressed before the next campaign.
                            await bounceRecorder.RecordSmtpFailureAsync(batch.CampaignId, recipient.SubscriberId, recipient.Email, result.Reply, CancellationToken.None);
                        }

                        break;
                    case DeliveryOutcome.Deferred:
                    {
                        var until = await throttle.BackOffAsync(domain, result.Reply, CancellationToken.None);
                        LogDomainBackoff(domain, until, result.Reply);
                        await writer.WriteAsync(new SendRecord(batch.CampaignId, recipient.SubscriberId, SendStatus.Deferred, result.Reply, messageId, result.Server,
                            Later(until, recipient.Attempts)));
                        await DeferAsync(batch, recipients.Skip(i + 1), until, $"deferred with the domain after: {result.Reply}", countsAsAttempt: false);
                        return ("done", null);
                    }

                    default:
                    {
                        // No server took it: not the recipient's or the domain's fault; try again in a while.
                        var until = Later(clock.UtcNow.AddMinutes(1), recipient.Attempts);
                        LogUnavailable(result.Reply);
                        await DeferAsync(batch, recipients.Skip(i), until, result.Reply, countsAsAttempt: true);
                        return ("done", null);
                    }
                }
            }
        }

        return null;
    }

    private async Task<DomainConnectionLease?> AcquireConnectionAsync(string domain, CancellationToken cancellationToken)
    {
        var until = clock.UtcNow + ConnectionWait;
        while (true)
        {
            var lease = await throttle.TryAcquireConnectionAsync(domain, cancellationToken);
            if (lease is not null || clock.UtcNow > until)
            {
                return lease;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    private Task DeferAsync(SendBatch batch, IEnumerable<BatchRecipient> recipients, DateTimeOffset until, string reason, bool countsAsAttempt) =>
        writer.WriteAsync(recipients.Select(r => new SendRecord(batch.CampaignId, r.SubscriberId, SendStatus.Deferred, reason,
            NextAttemptAt: until, CountsAsAttempt: countsAsAttempt)));

    /// <summary>The retry time of a message: no earlier than the domain's back-off, and further away with each attempt.</summary>
    private DateTimeOffset Later(DateTimeOffset notBefore, int attempts)
    {
        var own = clock.UtcNow + TimeSpan.FromTicks(Math.Min(options.Value.BackoffBase.Ticks * (1L << Math.Min(attempts, 10)), options.Value.BackoffMax.Ticks));
        return own > notBefore ? own : notBefore;
    }

    private async Task RenewAsync(long batchId, string holder, CancellationTokenSource leaseLost)
    {
        try
        {
            if (!await ledger.RenewBatchAsync(batchId, holder, clock.UtcNow + options.Value.Lease, CancellationToken.None))
            {
                await leaseLost.CancelAsync();
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRenewFailed(e, batchId);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Batch {BatchId} not sent here: {Claim}")]
    private partial void LogNotClaimed(long batchId, BatchClaim claim);

    [LoggerMessage(Level = LogLevel.Error, Message = "Batch {BatchId} failed; it goes back to the queue")]
    private partial void LogBatchFailed(Exception e, long batchId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Domain} backs off until {Until:u} after: {Reply}")]
    private partial void LogDomainBackoff(string domain, DateTimeOffset until, string reply);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No SMTP server took the message: {Reply}")]
    private partial void LogUnavailable(string reply);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the lease of batch {BatchId} failed")]
    private partial void LogRenewFailed(Exception e, long batchId);
}
