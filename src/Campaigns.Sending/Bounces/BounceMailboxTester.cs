using MailKit;
using Microsoft.Extensions.Options;

namespace Campaigns.Sending.Bounces;

/// <summary>The settings page's "test connection": logs in to the bounce mailbox and counts what waits in its folder.</summary>
public sealed class BounceMailboxTester(IOptions<BounceOptions> options)
{
    public BounceMailboxOptions Mailbox => options.Value.Imap;

    public async Task<ConnectionTestResult> TestAsync(CancellationToken cancellationToken = default)
    {
        var o = options.Value.Imap;
        if (string.IsNullOrWhiteSpace(o.Host))
        {
            return new ConnectionTestResult(o.ToString(), false, "No bounce mailbox is configured (Campaigns:Bounces:Imap:Host).");
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(20));
            using var client = await BounceMailboxConnector.ConnectAsync(o, timeout.Token);
            var folder = await client.GetFolderAsync(o.Folder, timeout.Token);
            await folder.OpenAsync(FolderAccess.ReadOnly, timeout.Token);
            var count = folder.Count;
            await client.DisconnectAsync(quit: true, timeout.Token);
            return new ConnectionTestResult(o.ToString(), true, $"Logged in; {count:N0} message(s) wait in {o.Folder}.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new ConnectionTestResult(o.ToString(), false, e is OperationCanceledException ? "No answer within 20 seconds." : e.Message.ReplaceLineEndings(" "));
        }
    }
}
