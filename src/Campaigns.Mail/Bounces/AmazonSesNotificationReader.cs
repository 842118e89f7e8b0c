using System.Text.Json;

namespace Campaigns.Mail.Bounces;

/// <summary>
/// Reads Amazon SES bounce, complaint and delivery notifications delivered by email through SNS: a JSON body (possibly
/// wrapped in an SNS envelope whose "Message" is that JSON as a string) with bouncedRecipients or complainedRecipients.
/// </summary>
internal static class AmazonSesNotificationReader
{
    public static IReadOnlyList<BounceRecipient>? Read(string text, out string? originalMessageId)
    {
        originalMessageId = null;
        var start = text.IndexOf('{', StringComparison.Ordinal);
        var end = text.LastIndexOf('}');
        if (start < 0 || end <= start || !text.Contains("notificationType", StringComparison.Ordinal))
        {
            return null;
        }

        // Long lines reach the mailbox folded by an MTA as "!\n "; the JSON needs them joined again.
        var json = text[start..(end + 1)].Replace("!\r\n ", "", StringComparison.Ordinal).Replace("!\n ", "", StringComparison.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.TryGetProperty("Message", out var wrapped) && wrapped.ValueKind == JsonValueKind.String)
            {
                using var inner = JsonDocument.Parse(wrapped.GetString()!);
                return FromNotification(inner.RootElement.Clone(), out originalMessageId);
            }

            return FromNotification(root, out originalMessageId);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static List<BounceRecipient>? FromNotification(JsonElement root, out string? originalMessageId)
    {
        originalMessageId = root.TryGetProperty("mail", out var mail) && mail.TryGetProperty("messageId", out var id) ? id.GetString() : null;
        var type = String(root, "notificationType") ?? String(root, "eventType");
        var recipients = new List<BounceRecipient>();
        switch (type)
        {
            case "Bounce" when root.TryGetProperty("bounce", out var bounce):
                var bounceType = String(bounce, "bounceType");
                foreach (var r in Array(bounce, "bouncedRecipients"))
                {
                    var diagnostic = String(r, "diagnosticCode") is { } d ? SmtpReplyText.StripDiagnosticType(d) : null;
                    var status = SmtpReplyText.NormalizeStatus(String(r, "status"));
                    var code = SmtpReplyText.FindReplyCode(diagnostic);
                    var (kind, reason) = BounceClassifier.Classify(String(r, "action") ?? "failed", code, status, diagnostic ?? String(bounce, "bounceSubType"));

                    // SES has already decided: a transient bounce is soft whatever the words; an undetermined one says nothing.
                    if (bounceType == "Transient" && kind == BounceKind.Hard)
                    {
                        kind = BounceKind.Soft;
                    }

                    recipients.Add(new BounceRecipient(String(r, "emailAddress"), status, code, String(r, "action") ?? "failed", kind, reason,
                        DeliveryStatusReader.OneLine(diagnostic ?? $"{bounceType} {String(bounce, "bounceSubType")}")));
                }

                break;
            case "Complaint" when root.TryGetProperty("complaint", out var complaint):
                var feedbackType = String(complaint, "complaintFeedbackType") ?? "abuse";
                foreach (var r in Array(complaint, "complainedRecipients"))
                {
                    recipients.Add(new BounceRecipient(String(r, "emailAddress"), null, null, null, BounceKind.Complaint, $"complaint ({feedbackType})", String(complaint, "userAgent"), feedbackType));
                }

                break;
            case "Delivery" when root.TryGetProperty("delivery", out var delivery):
                foreach (var r in Array(delivery, "recipients"))
                {
                    var reply = String(delivery, "smtpResponse");
                    recipients.Add(new BounceRecipient(r.GetString(), SmtpReplyText.FindStatus(reply), SmtpReplyText.FindReplyCode(reply), "delivered", BounceKind.Delivered, "delivered", DeliveryStatusReader.OneLine(reply)));
                }

                break;
        }

        return recipients.Count > 0 ? recipients : null;
    }

    private static string? String(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static IEnumerable<JsonElement> Array(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : [];
}
