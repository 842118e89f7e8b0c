using System.Text.RegularExpressions;
using MimeKit;

namespace Campaigns.Mail.Bounces;

/// <summary>
/// Reads RFC 3464 DSNs (and RFC 6533 global ones): each recipient's Final-Recipient (else Original-Recipient), Action,
/// Status and Diagnostic-Code. When the Diagnostic-Code says nothing useful, the human-readable part's block for the
/// same address adds what the remote server said (Postfix writes it there too).
/// </summary>
internal static partial class DeliveryStatusReader
{
    /// <summary>The recipients of the message's delivery status, or null when it has none.</summary>
    public static IReadOnlyList<BounceRecipient>? Read(MimeMessage message, string humanText, IReadOnlySet<string> excluded, out string? originalMessageId)
    {
        originalMessageId = null;
        var statuses = new List<DeliveryStatusFields>();
        foreach (var part in message.BodyParts)
        {
            if (part is MessageDeliveryStatus dsn)
            {
                statuses.Add(DeliveryStatusFields.FromMimeKit(dsn));
            }
        }

        // Some MTAs send the fields as text/plain, or inside the only text part; only trust that if a recipient field leads a line.
        if (statuses.Count == 0 && RecipientFieldLine().Match(humanText) is { Success: true } first)
        {
            var reportingMta = ReportingMtaLine().Match(humanText);
            var start = reportingMta.Success && reportingMta.Index < first.Index ? reportingMta.Index : first.Index;
            statuses.Add(DeliveryStatusFields.FromText(humanText[start..]));
        }

        var recipients = new List<BounceRecipient>();
        IReadOnlyList<NonStandardBounceScanner.Block>? blocks = null;
        foreach (var status in statuses)
        {
            originalMessageId ??= TidyMessageId(status.PerMessage("X-Original-Message-ID") ?? status.PerMessage("Original-Message-ID"));
            foreach (var group in status.RecipientGroups)
            {
                blocks ??= NonStandardBounceScanner.Scan(NonStandardBounceScanner.CutReturnedMessage(humanText), excluded);
                var recipient = ReadRecipient(group, blocks, humanText);
                if (!recipients.Any(r => r.Address is not null && string.Equals(r.Address, recipient.Address, StringComparison.OrdinalIgnoreCase) && r.Action == recipient.Action))
                {
                    recipients.Add(recipient);
                }
            }
        }

        return recipients.Count > 0 ? recipients : null;
    }

    private static BounceRecipient ReadRecipient(Dictionary<string, string> group, IReadOnlyList<NonStandardBounceScanner.Block> blocks, string humanText)
    {
        var final = AddressText.FromRecipientField(group.GetValueOrDefault("Final-Recipient"));
        var original = AddressText.FromRecipientField(group.GetValueOrDefault("Original-Recipient"));
        var address = final ?? original ?? AddressText.FromRecipientField(group.GetValueOrDefault("X-Actual-Recipient"));
        var action = group.GetValueOrDefault("Action")?.Trim().ToLowerInvariant();
        // The remote server's own status (in the Diagnostic-Code) beats the one the reporting MTA derived from it.
        var statusField = SmtpReplyText.NormalizeStatus(group.GetValueOrDefault("Status"));
        var diagnostic = group.TryGetValue("Diagnostic-Code", out var d) ? SmtpReplyText.RemoteReply(SmtpReplyText.StripDiagnosticType(d)) : null;
        // "X-Unix; 255": a local delivery program (procmail, a pipe) failed; its exit code is no SMTP reply and the status
        // the MTA derived from it (often 5.1.1 or 5.3.0) says nothing about the recipient.
        var localProgram = d is not null && LocalProgramDiagnostic().IsMatch(d);
        var block = blocks.FirstOrDefault(b => b.Address.Equals(final, StringComparison.OrdinalIgnoreCase) || b.Address.Equals(original, StringComparison.OrdinalIgnoreCase))?.Text
                    ?? (blocks.Count == 1 ? blocks[0].Text : null)
                    ?? (string.IsNullOrWhiteSpace(d) ? NonStandardBounceScanner.CutReturnedMessage(humanText) : null);

        // The human-readable block is only used when the Diagnostic-Code gives no reply code or telling words.
        var text = diagnostic;
        if (string.IsNullOrWhiteSpace(diagnostic) || (SmtpReplyText.FindReplyCode(diagnostic) is null && !BounceClassifier.HasTellingText(diagnostic)))
        {
            text = string.Join("\n", new[] { diagnostic, block }.Where(t => !string.IsNullOrWhiteSpace(t)));
        }

        var code = (localProgram ? null : SmtpReplyText.FindReplyCode(diagnostic)) ?? SmtpReplyText.FindReplyCode(block);
        var status = SmtpReplyText.FindStatus(diagnostic) is { } remote && remote[0] == statusField?[0] ? remote : statusField ?? SmtpReplyText.FindStatus(text);

        // A missing Action is inferred from the status class, as receivers of old MTAs' DSNs do.
        action ??= status?[0] switch { '2' => "delivered", '4' => "delayed", _ => "failed" };
        var (kind, reason) = localProgram && status?[0] != '4'
            ? ClassifyLocalProgram(action, code, text)
            : BounceClassifier.Classify(action, code, status, text);
        var shown = OneLine(string.IsNullOrWhiteSpace(diagnostic) ? block : SmtpReplyText.StripDiagnosticType(d!));
        return new BounceRecipient(address, status, code, action, kind, reason, shown, RemoteMta: AddressOrHost(group.GetValueOrDefault("Remote-MTA")));
    }

    /// <summary>What the program's output says (a full mailbox, an unknown user), else a soft mailer error.</summary>
    private static BounceClassification ClassifyLocalProgram(string action, int? code, string? text)
    {
        var result = BounceClassifier.Classify(action, code, null, text);
        return BounceClassifier.HasTellingText(text) ? result : new(BounceKind.Soft, "local delivery program failed");
    }

    internal static string? OneLine(string? text, int max = 300)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var line = Whitespace().Replace(text, " ").Trim();
        return line.Length > max ? line[..max] + "…" : line;
    }

    internal static string? TidyMessageId(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var v = value.Trim();
        var open = v.IndexOf('<', StringComparison.Ordinal);
        var close = v.IndexOf('>', open + 1);
        return open >= 0 && close > open ? v[(open + 1)..close] : v.Trim('<', '>');
    }

    private static string? AddressOrHost(string? remoteMta) =>
        string.IsNullOrWhiteSpace(remoteMta) ? null : SmtpReplyText.StripDiagnosticType(remoteMta);

    [GeneratedRegex(@"^(?:Final-Recipient|Original-Recipient)\s*:\s*\S", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex RecipientFieldLine();

    [GeneratedRegex(@"^Reporting-MTA\s*:", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ReportingMtaLine();

    [GeneratedRegex(@"^\s*x-unix\s*;", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex LocalProgramDiagnostic();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Whitespace();
}
