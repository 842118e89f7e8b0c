using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace Campaigns.Sending.Transport;

/// <summary>
/// The embedded default when no SMTP server is configured: each message becomes an .eml file in a pickup
/// folder (envelope in X-Envelope-From / X-Envelope-To headers). Written under a temporary name and renamed,
/// so a reader never sees half a file; named after the campaign and recipient, so sending the same message
/// again replaces the file instead of making a second one.
/// </summary>
public sealed partial class PickupFolderTransport(string folder) : IMailTransport
{
    public string Folder { get; } = Path.GetFullPath(folder);

    public Task<IMailSession> OpenSessionAsync(string recipientDomain, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        return Task.FromResult<IMailSession>(new Session(this));
    }

    internal string PathFor(MimeMessage message)
    {
        var id = message.Headers["X-Campaign"] is { Length: > 0 } tag ? $"campaign-{tag}" : message.MessageId ?? Guid.NewGuid().ToString("N");
        var safe = Unsafe().Replace(id, "_");
        return Path.Combine(Folder, (safe.Length > 150 ? safe[..150] : safe) + ".eml");
    }

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex Unsafe();

    private sealed class Session(PickupFolderTransport transport) : IMailSession
    {
        public async Task<DeliveryResult> SendAsync(MimeMessage message, string envelopeFrom, string recipient, CancellationToken cancellationToken)
        {
            var path = transport.PathFor(message);
            var temp = Path.Combine(transport.Folder, $".{Guid.NewGuid():N}.tmp");
            try
            {
                await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
                {
                    var envelope = Encoding.ASCII.GetBytes($"X-Envelope-From: <{Clean(envelopeFrom)}>\r\nX-Envelope-To: <{Clean(recipient)}>\r\n");
                    await file.WriteAsync(envelope, cancellationToken);
                    await message.WriteToAsync(FormatOptions.Default, file, cancellationToken);
                }

                File.Move(temp, path, overwrite: true);
                return new DeliveryResult(DeliveryOutcome.Sent, $"250 written to {Path.GetFileName(path)}", 250, "pickup");
            }
            catch (IOException e)
            {
                File.Delete(temp);
                return new DeliveryResult(DeliveryOutcome.Unavailable, $"the pickup folder cannot be written: {e.Message}", null, "pickup");
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private static string Clean(string value) => new([.. value.Where(c => !char.IsControl(c) && c is not '<' and not '>')]);
    }
}
