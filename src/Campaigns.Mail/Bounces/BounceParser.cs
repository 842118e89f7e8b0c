using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace Campaigns.Mail.Bounces;

/// <summary>
/// Parses a returned message: a DSN (RFC 3464/6533), a complaint report (ARF, RFC 5965, and providers' variants), a
/// bounce that only has prose (qmail, old Sendmail, Exchange, Lotus Notes...), or an automatic reply (RFC 3834). Never
/// throws: unreadable input gives a report of kind <see cref="BounceKind.Unknown"/> with an <see cref="BounceReport.Error"/>.
/// </summary>
public static partial class BounceParser
{
    /// <summary>A bounce says what it has to say at its start; the rest of a huge file is the returned message.</summary>
    public const int MaxBytes = 64 * 1024 * 1024;

    public static BounceReport ParseFile(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
            return Parse(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return BounceReport.Unreadable($"cannot read the file: {e.Message}");
        }
    }

    public static BounceReport Parse(Stream stream)
    {
        try
        {
            var buffer = new MemoryStream();
            var chunk = new byte[64 * 1024];
            int n;
            var truncated = false;
            while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + n > MaxBytes)
                {
                    buffer.Write(chunk, 0, (int)(MaxBytes - buffer.Length));
                    truncated = true;
                    break;
                }

                buffer.Write(chunk, 0, n);
            }

            var report = Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
            return truncated && report.Error is null ? report with { Error = $"only the first {MaxBytes / 1024 / 1024} MB were read" } : report;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or OutOfMemoryException)
        {
            return BounceReport.Unreadable($"cannot read the message: {e.Message}");
        }
    }

    public static BounceReport Parse(ReadOnlyMemory<byte> raw)
    {
        if (raw.Length == 0 || raw.Span.IndexOfAnyExcept(" \r\n\t"u8) < 0)
        {
            return BounceReport.Unreadable("empty message");
        }

        var bytes = Prepare(raw.Span);
        if (!StartsLikeMessage(bytes))
        {
            return BounceReport.Unreadable("not an email message (it does not start with header fields)");
        }

        MimeMessage message;
        try
        {
            message = MimeMessage.Load(new MemoryStream(bytes, writable: false));
        }
        catch (Exception e) when (e is FormatException or ParseException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            return BounceReport.Unreadable($"not a readable MIME message: {e.Message}");
        }

        return Parse(message);
    }

    /// <summary>Parses a message that is already loaded (the IMAP processor has one).</summary>
    public static BounceReport Parse(MimeMessage message)
    {
        try
        {
            return Analyze(message);
        }
        catch (RegexMatchTimeoutException)
        {
            return BounceReport.Unreadable("the message text took too long to analyze");
        }
        catch (Exception e) when (e is FormatException or ParseException or ArgumentException or InvalidOperationException or NotSupportedException
                                      or IndexOutOfRangeException or NullReferenceException or ObjectDisposedException or DecoderFallbackException)
        {
            return BounceReport.Unreadable($"could not analyze the message: {e.GetType().Name}: {e.Message}");
        }
    }

    private static BounceReport Analyze(MimeMessage message)
    {
        var returned = ReturnedMessage(message);
        var text = MessageText.Of(message);
        var envelope = EnvelopeAddresses(message, returned);
        // The bounce's From and To, and the returned message's sender, are never the failed recipient. (Delivered-To and
        // X-Original-To are not excluded: a few MTAs deliver the bounce with the failed address there.)
        var excluded = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var m in message.From.Mailboxes.Concat(message.To.Mailboxes).Concat(returned?.From.Mailboxes ?? []).Concat(returned?.Sender is { } s ? [s] : []))
        {
            if (m.Address is not null)
            {
                excluded.Add(m.Address);
            }
        }

        var originalId = returned?.MessageId;
        var subject = message.Subject;

        var complaints = FeedbackReportReader.Read(message, returned);
        if (complaints is not null)
        {
            return Report(BounceFormat.FeedbackReport, complaints);
        }

        var ses = AmazonSesNotificationReader.Read(text, out var sesMessageId);
        if (ses is not null)
        {
            originalId ??= sesMessageId;
            return Report(ses.Any(r => r.Kind == BounceKind.Complaint) ? BounceFormat.FeedbackReport : BounceFormat.DeliveryStatus, ses);
        }

        var dsn = DeliveryStatusReader.Read(message, text, excluded, out var dsnOriginalId);
        if (dsn is not null)
        {
            originalId ??= dsnOriginalId;
            return Report(BounceFormat.DeliveryStatus, dsn);
        }

        if (message.Body is MultipartReport { ReportType: { } reportType } && reportType.Contains("disposition-notification", StringComparison.OrdinalIgnoreCase))
        {
            return Report(BounceFormat.None, [], BounceKind.NotBounce);
        }

        if (message.Body is MultipartReport { ReportType: { } dsnType } && dsnType.Contains("delivery-status", StringComparison.OrdinalIgnoreCase)
            || BounceSignals.LooksLikeBounce(message, text))
        {
            originalId ??= InlineMessageId(text);
            return Report(BounceFormat.NonStandard, ScanProse(message, returned, text, excluded));
        }

        var autoReply = AutoReplyDetector.Detect(message);
        if (autoReply is not null)
        {
            originalId ??= DeliveryStatusReader.TidyMessageId(message.InReplyTo) ?? message.References.FirstOrDefault();
            var from = message.From.Mailboxes.FirstOrDefault()?.Address ?? message.ReplyTo.Mailboxes.FirstOrDefault()?.Address;
            return Report(BounceFormat.AutoReply, [new BounceRecipient(from, null, null, null, BounceKind.AutoReply, autoReply, DeliveryStatusReader.OneLine(subject))]);
        }

        return Report(BounceFormat.None, [], BounceKind.NotBounce);

        BounceReport Report(BounceFormat format, IReadOnlyList<BounceRecipient> recipients, BounceKind? kind = null) =>
            new(kind ?? Overall(recipients), format, recipients, originalId, envelope, subject);
    }

    private static List<BounceRecipient> ScanProse(MimeMessage message, MimeMessage? returned, string text, IReadOnlySet<string> excluded)
    {
        var prose = NonStandardBounceScanner.CutReturnedMessage(text);
        var blocks = NonStandardBounceScanner.Scan(prose, excluded);
        var failed = AddressText.FindAll(string.Join(",", message.Headers.Where(h => h.Id == HeaderId.Unknown && h.Field.Equals("X-Failed-Recipients", StringComparison.OrdinalIgnoreCase)).Select(h => h.Value)))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        List<(string? Address, string Text)> found;
        if (failed.Count > 0)
        {
            found = [.. failed.Select(a => ((string?)a, blocks.FirstOrDefault(b => b.Address.Equals(a, StringComparison.OrdinalIgnoreCase))?.Text ?? (blocks.Count == 1 ? blocks[0].Text : prose)))];
        }
        else if (blocks.Count > 0)
        {
            found = [.. blocks.Select(b => ((string?)b.Address, b.Text))];
        }
        else
        {
            var loose = NonStandardBounceScanner.LooseAddresses(prose, excluded);
            // A bounce that names no address ("421 example.com (smtp)... Deferred") failed for the returned message's recipient.
            if (loose.Count == 0 && ReturnedRecipient(returned, text, excluded) is { } to)
            {
                loose = [to];
            }

            found = loose.Count > 0 ? [.. loose.Select(a => ((string?)a, prose))] : [(null, prose)];
        }

        var delayed = Delay().IsMatch(message.Subject ?? "") || Delay().IsMatch(prose.Length > 4000 ? prose[..4000] : prose);
        var recipients = new List<BounceRecipient>();
        foreach (var (address, block) in found)
        {
            // The block names the reason; when it does not, the whole explanation and the subject may.
            var classifyText = block;
            var status = SmtpReplyText.FindStatus(block);
            var code = SmtpReplyText.FindReplyCode(block);
            if (status is null && code is null && !BounceClassifier.HasTellingText(block))
            {
                classifyText = (message.Subject ?? "") + "\n" + prose;
                status = SmtpReplyText.FindStatus(prose);
                code = SmtpReplyText.FindReplyCode(prose);
            }

            var action = delayed ? "delayed" : "failed";
            var (kind, reason) = BounceClassifier.Classify(action, code, status, classifyText);
            recipients.Add(new BounceRecipient(address, status, code, action, kind, reason, DeliveryStatusReader.OneLine(Diagnostic(block, address))));
        }

        return recipients;
    }

    /// <summary>The block without its leading address line, which says nothing the address field does not.</summary>
    private static string Diagnostic(string block, string? address)
    {
        var lines = block.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (address is not null && lines.Count > 1 && lines[0].Contains(address, StringComparison.OrdinalIgnoreCase) && lines[0].Length < address.Length + 6)
        {
            lines.RemoveAt(0);
        }

        return string.Join(" ", lines);
    }

    private static BounceKind Overall(IReadOnlyList<BounceRecipient> recipients)
    {
        BounceKind[] severity = [BounceKind.Complaint, BounceKind.Hard, BounceKind.Soft, BounceKind.AutoReply, BounceKind.Delivered, BounceKind.Unknown];
        foreach (var kind in severity)
        {
            if (recipients.Any(r => r.Kind == kind))
            {
                return kind;
            }
        }

        return BounceKind.Unknown;
    }

    /// <summary>The message that bounced, from message/rfc822, message/global or text/rfc822-headers (MimeKit gives all as a MessagePart).</summary>
    private static MimeMessage? ReturnedMessage(MimeMessage message)
    {
        foreach (var part in message.BodyParts)
        {
            if (part is MessagePart { Message: { } returned })
            {
                return returned;
            }
        }

        return null;
    }

    /// <summary>Where the bounce was delivered, then where the returned message said bounces go: our VERP address is among them.</summary>
    private static List<string> EnvelopeAddresses(MimeMessage message, MimeMessage? returned)
    {
        var found = new List<string>();
        string[] bounceFields = ["Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To", "X-Rcpt-To", "X-Delivered-To", "To"];
        foreach (var field in bounceFields)
        {
            foreach (var header in message.Headers.Where(h => h.Field.Equals(field, StringComparison.OrdinalIgnoreCase)))
            {
                Add(header.Value);
            }
        }

        if (returned is not null)
        {
            Add(returned.Headers[HeaderId.ReturnPath]);
            Add(returned.Headers["X-Envelope-From"]);
        }

        return found;

        void Add(string? value)
        {
            foreach (var a in AddressText.FindAll(value))
            {
                if (!found.Contains(a, StringComparer.OrdinalIgnoreCase))
                {
                    found.Add(a);
                }
            }
        }
    }

    /// <summary>The only To address of the returned message, attached or quoted after the explanation; null when there are several.</summary>
    private static string? ReturnedRecipient(MimeMessage? returned, string text, IReadOnlySet<string> excluded)
    {
        var prose = NonStandardBounceScanner.CutReturnedMessage(text);
        var field = returned?.Headers[HeaderId.To] ?? (InlineToLine().Match(text, prose.Length) is { Success: true } m ? m.Groups["to"].Value : null);
        var addresses = AddressText.FindAll(field).Where(a => !excluded.Contains(a) && !AddressText.IsSystemAddress(a)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return addresses.Count == 1 ? addresses[0] : null;
    }

    private static string? InlineMessageId(string text)
    {
        var m = InlineMessageIdLine().Match(text);
        return m.Success ? m.Groups["id"].Value : null;
    }

    /// <summary>Drops an mbox "From " line, turns old Mac CR-only line ends into LF, and copies the bytes for MimeKit.</summary>
    private static byte[] Prepare(ReadOnlySpan<byte> raw)
    {
        if (raw.StartsWith("From "u8))
        {
            var lf = raw.IndexOfAny((byte)'\n', (byte)'\r');
            raw = lf < 0 ? [] : raw[(lf + 1)..];
            if (raw.Length > 0 && raw[0] == '\n')
            {
                raw = raw[1..];
            }
        }

        var bytes = raw.ToArray();
        var head = raw[..Math.Min(raw.Length, 64 * 1024)];
        if (head.IndexOf((byte)'\n') < 0 && head.IndexOf((byte)'\r') >= 0)
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] == '\r')
                {
                    bytes[i] = (byte)'\n';
                }
            }
        }

        return bytes;
    }

    /// <summary>A message starts with a header field ("Name: value"); binary files and plain text do not.</summary>
    private static bool StartsLikeMessage(byte[] bytes)
    {
        var i = 0;
        while (i < bytes.Length && bytes[i] is (byte)'\r' or (byte)'\n' or (byte)' ' or (byte)'\t')
        {
            i++;
        }

        var nameLength = 0;
        for (; i < bytes.Length && nameLength <= 76; i++, nameLength++)
        {
            var b = bytes[i];
            if (b == ':')
            {
                return nameLength > 0;
            }

            if (b <= 32 || b >= 127)
            {
                return false;
            }
        }

        return false;
    }

    [GeneratedRegex(@"delay|delayed|will (be retried|retry|continue)|has not (yet )?been delivered|not yet been delivered|warning: could not send|this is a warning only|still trying|verzögert|retardé|retrasad|задерж", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Delay();

    [GeneratedRegex(@"^[ \t]*To:[ \t]*(?<to>[^\n]{1,400})", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex InlineToLine();

    [GeneratedRegex(@"^\s*Message-ID:\s*<(?<id>[^>\s]{1,250})>", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex InlineMessageIdLine();
}
