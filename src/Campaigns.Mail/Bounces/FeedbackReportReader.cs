using MimeKit;

namespace Campaigns.Mail.Bounces;

/// <summary>
/// Reads complaint reports: RFC 5965 ARF (message/feedback-report), Hotmail's JMRP reports (the complained-about message
/// attached with an X-HmXmrOriginalRecipient header) and Apple Mail's unsubscribe messages.
/// </summary>
internal static class FeedbackReportReader
{
    /// <summary>The complaining recipients, or null when the message is not a complaint report.</summary>
    public static IReadOnlyList<BounceRecipient>? Read(MimeMessage message, MimeMessage? returned)
    {
        var report = message.BodyParts.OfType<MessageFeedbackReport>().FirstOrDefault();
        if (report is not null)
        {
            return FromArf(report.Fields, returned);
        }

        if (message.Body is MultipartReport { ReportType: { } type } && type.Equals("feedback-report", StringComparison.OrdinalIgnoreCase))
        {
            return [Complaint(RecipientOfReturned(returned), "abuse", null)];
        }

        var hotmail = message.Headers["X-HmXmrOriginalRecipient"] ?? returned?.Headers["X-HmXmrOriginalRecipient"];
        if (hotmail is not null)
        {
            return [Complaint(AddressText.FindFirst(hotmail) ?? RecipientOfReturned(returned), "abuse", "Hotmail/Outlook.com complaint (JMRP)")];
        }

        if ((message.Headers["X-Apple-Unsubscribe"] ?? "").Trim().Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return [Complaint(message.From.Mailboxes.FirstOrDefault()?.Address, "opt-out", "Apple Mail unsubscribe request")];
        }

        return null;
    }

    private static List<BounceRecipient> FromArf(HeaderList fields, MimeMessage? returned)
    {
        var feedbackType = fields["Feedback-Type"]?.Trim().ToLowerInvariant() ?? "other";
        var detail = string.Join(", ", new[] { fields["User-Agent"], fields["Source-IP"] is { } ip ? $"source {ip.Trim()}" : null }.Where(v => v is not null));
        var addresses = new List<string>();
        foreach (var field in fields)
        {
            if (field.Field.Equals("Original-Rcpt-To", StringComparison.OrdinalIgnoreCase) || field.Field.Equals("Removal-Recipient", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var a in AddressText.FindAll(field.Value))
                {
                    if (!addresses.Contains(a, StringComparer.OrdinalIgnoreCase))
                    {
                        addresses.Add(a);
                    }
                }
            }
        }

        if (addresses.Count == 0)
        {
            return [Complaint(RecipientOfReturned(returned), feedbackType, detail)];
        }

        return [.. addresses.Select(a => Complaint(a, feedbackType, detail))];
    }

    private static BounceRecipient Complaint(string? address, string feedbackType, string? detail) =>
        new(address, null, null, null, BounceKind.Complaint, $"complaint ({feedbackType})", string.IsNullOrEmpty(detail) ? null : detail, feedbackType);

    /// <summary>The complained-about message's recipient: its To, or the Hotmail header. Redacted reports leave only the domain.</summary>
    private static string? RecipientOfReturned(MimeMessage? returned)
    {
        if (returned is null)
        {
            return null;
        }

        return AddressText.FindFirst(returned.Headers["X-HmXmrOriginalRecipient"])
               ?? returned.To.Mailboxes.Select(m => m.Address).FirstOrDefault(a => a?.Contains('@', StringComparison.Ordinal) == true)
               ?? AddressText.FindFirst(returned.Headers[HeaderId.To]);
    }
}
