using Campaigns.Sending.Transport;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Campaigns.Sending.Hosting;

/// <summary>
/// Ready when mail can go out: at least one SMTP server answers (connect, EHLO and AUTH as configured, then
/// QUIT), or the pickup folder is writable. The answer is kept for 30 seconds so probes do not hammer a relay.
/// </summary>
public sealed class MailTransportHealthCheck(IMailTransport transport, TimeProvider time) : IHealthCheck, IDisposable
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (HealthCheckResult Result, DateTimeOffset At)? _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_last is { } last && time.GetUtcNow() - last.At < KeepFor)
            {
                return last.Result;
            }

            var result = transport switch
            {
                SmtpTransport smtp => await CheckServersAsync(smtp, cancellationToken),
                PickupFolderTransport pickup => CheckFolder(pickup.Folder),
                _ => HealthCheckResult.Healthy(),
            };
            _last = (result, time.GetUtcNow());
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<HealthCheckResult> CheckServersAsync(SmtpTransport smtp, CancellationToken cancellationToken)
    {
        var answers = await smtp.TestServersAsync(cancellationToken);
        var description = string.Join("; ", answers.Select(a => $"{a.Server}: {a.Message}"));
        return answers.Any(a => a.Ok)
            ? (answers.All(a => a.Ok) ? HealthCheckResult.Healthy(description) : HealthCheckResult.Degraded(description))
            : HealthCheckResult.Unhealthy(description);
    }

    public void Dispose() => _gate.Dispose();

    private static HealthCheckResult CheckFolder(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".probe-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return HealthCheckResult.Healthy($"pickup folder {folder} is writable");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Unhealthy($"pickup folder {folder}: {e.Message}");
        }
    }
}
