using MailKit;
using MailKit.Net.Imap;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Campaigns.Sending.Bounces;

/// <summary>
/// Watches the bounce mailbox: processes what is there, then waits with IDLE (woken by new mail) where the
/// server offers it, or polls. Errors never stop it: it reconnects with a growing pause.
/// </summary>
public sealed partial class BounceMailboxProcessor(BounceMailboxReader reader, IOptions<BounceOptions> options, ILogger<BounceMailboxProcessor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value.Imap;
        if (string.IsNullOrWhiteSpace(o.Host))
        {
            return;
        }

        var pause = TimeSpan.FromSeconds(5);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var client = await reader.ConnectAsync(stoppingToken);
                pause = TimeSpan.FromSeconds(5);
                while (!stoppingToken.IsCancellationRequested)
                {
                    var done = await reader.ProcessAsync(client, stoppingToken);
                    if (done > 0)
                    {
                        LogProcessed(done);
                    }

                    await WaitForMailAsync(client, o.PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(e, o.ToString(), pause);
                await Task.Delay(pause, stoppingToken);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromMinutes(5).Ticks));
            }
        }
    }

    private static async Task WaitForMailAsync(ImapClient client, TimeSpan interval, CancellationToken stoppingToken)
    {
        if (!client.Capabilities.HasFlag(ImapCapabilities.Idle))
        {
            await Task.Delay(interval, stoppingToken);
            return;
        }

        var inbox = client.Inbox;
        using var done = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        done.CancelAfter(interval);
        void Arrived(object? sender, EventArgs e) => done.Cancel();
        inbox.CountChanged += Arrived;
        try
        {
            await client.IdleAsync(done.Token, stoppingToken);
        }
        finally
        {
            inbox.CountChanged -= Arrived;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bounce mailbox: {Count} messages processed")]
    private partial void LogProcessed(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bounce mailbox {Mailbox} failed; trying again in {Pause}")]
    private partial void LogFailed(Exception e, string mailbox, TimeSpan pause);
}
