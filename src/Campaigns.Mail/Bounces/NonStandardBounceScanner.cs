using System.Text;
using System.Text.RegularExpressions;

namespace Campaigns.Mail.Bounces;

/// <summary>
/// Reads the human-readable part of a bounce for recipients and what was said about each: the address lines MTAs write
/// ("&lt;user@example.com&gt;:" in qmail and Postfix, an indented address in Exim and Gmail, "&lt;user@example.com&gt;... User
/// unknown" in Sendmail, "RCPT TO:&lt;user@example.com&gt;", "Final-Recipient:" written as text) each start a block that runs
/// to the next one. Used alone for bounces without a delivery-status part, and to add detail to DSNs that give none.
/// </summary>
internal static partial class NonStandardBounceScanner
{
    private const int MaxBlockLength = 4000;

    public sealed record Block(string Address, string Text);

    /// <summary>The text up to where the returned message starts (its separator line, or its first header lines).</summary>
    public static string CutReturnedMessage(string text)
    {
        var m = ReturnedMessageStart().Match(text);
        return m.Success && m.Index > 0 ? text[..m.Index] : text;
    }

    /// <summary>
    /// One block per address, in order of first appearance; blocks naming the same address are merged. In a Sendmail
    /// session transcript the context comes first ("While talking to...", "&gt;&gt;&gt; RCPT To:", "&lt;&lt;&lt; 550 ...") and the
    /// recipient's summary line ("554 &lt;user@example.com&gt;... reason") closes it, so there a block runs back to the previous one.
    /// </summary>
    public static IReadOnlyList<Block> Scan(string text, IReadOnlySet<string> excluded)
    {
        var blocks = new Dictionary<string, StringBuilder>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        List<string> current = [];
        List<string>? transcript = null;
        foreach (var rawLine in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = rawLine.TrimEnd();
            if (transcript is not null)
            {
                transcript.Add(line);
                continue;
            }

            if (TranscriptStart().IsMatch(line))
            {
                transcript = [];
            }

            AddLine(line);
        }

        if (transcript is not null)
        {
            ScanTranscript(transcript);
        }

        return [.. order.Select(a => new Block(a, blocks[a].ToString()))];

        void ScanTranscript(List<string> lines)
        {
            // Without a single summary line the transcript is read like any prose.
            if (!lines.Any(l => SummaryAddress(l) is not null))
            {
                lines.ForEach(AddLine);
                return;
            }

            var pending = new List<string>();
            foreach (var line in lines)
            {
                if (SessionStart().IsMatch(line))
                {
                    pending.Clear();
                }

                pending.Add(line);
                if (SummaryAddress(line) is not { } address)
                {
                    continue;
                }

                current = [address];
                foreach (var l in pending)
                {
                    Append(l);
                }

                pending.Clear();
            }
        }

        string? SummaryAddress(string line) =>
            SummaryLine().Match(line) is { Success: true } m && AddressText.FindFirst(m.Groups["address"].Value) is { } a
            && !excluded.Contains(a) && !AddressText.IsSystemAddress(a) ? a : null;

        void AddLine(string line)
        {
            var addresses = AddressesOfLine(line, excluded);
            if (addresses.Count > 0)
            {
                current = addresses;
            }

            Append(line);
        }

        void Append(string line)
        {
            foreach (var a in current)
            {
                if (!blocks.TryGetValue(a, out var b))
                {
                    blocks[a] = b = new StringBuilder();
                    order.Add(a);
                }

                if (b.Length < MaxBlockLength)
                {
                    b.Append(line).Append('\n');
                }
            }
        }
    }

    /// <summary>Every address of the text not excluded, in order: the last resort when no line has the shape of an address line.</summary>
    public static IReadOnlyList<string> LooseAddresses(string text, IReadOnlySet<string> excluded) =>
        [.. AddressText.FindAll(text).Where(a => !excluded.Contains(a) && !AddressText.IsSystemAddress(a)).Distinct(StringComparer.OrdinalIgnoreCase).Take(10)];

    private static List<string> AddressesOfLine(string line, IReadOnlySet<string> excluded)
    {
        if (line.Length == 0 || line.Length > 400 || !line.Contains('@', StringComparison.Ordinal))
        {
            return [];
        }

        // A recipient line: the address starts it, stands alone, or follows "to:", "recipient:", "Final-Recipient:"...
        if (!AddressFirst().IsMatch(line) && !AfterKeyword().IsMatch(line) && !AddressOnly().IsMatch(line))
        {
            return [];
        }

        return [.. AddressText.FindAll(line).Where(a => !excluded.Contains(a) && !AddressText.IsSystemAddress(a)).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    // "<user@example.com>:", "  user@example.com", "user@example.com... User unknown", "\"user@example.com\" <user@example.com>"
    [GeneratedRegex(@"^\s*(?:\d+\.\s+|[-*]\s+)?[""'<(]?[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+[>""')]?(?:\s*$|[:;,.]|\s+\(|\s+<|\s+-|\.\.\.|\s+on\b|\s+\w)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AddressFirst();

    // A line that is a display name and an address, nothing else: "Ann Lee (ann@example.com)", "Ann <ann@example.com>".
    [GeneratedRegex(@"^\s*[^@:]{0,60}[<(\[][^\s<>()@]+@[^\s<>()]+[>)\]]\s*$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AddressOnly();

    [GeneratedRegex(@"(?:\b(?:rcpt to|(?:delivered|delivering|delivery|deliver|sent|message|mail|mailbox|sending) to|recipients?|addresse?s?|original-recipient|final-recipient|x-failed-recipients|empf[äa]nger|an|à|destinataires?|destinatarios?|para|адрес|получател[ья]|per)\s*:?\s*(?:rfc822\s*;\s*)?[""'<(]?[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AfterKeyword();

    [GeneratedRegex(@"^\s*-+\s*transcript of session follows", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex TranscriptStart();

    // Sendmail's "... while talking to mx.example.com:" (or "While talking to ...") starts the next SMTP session.
    [GeneratedRegex(@"while talking to\s", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SessionStart();

    // Sendmail's per-recipient summary: "550 5.1.1 <user@example.com>... User unknown", "554 <user@example.com>... reason".
    [GeneratedRegex(@"^\s*[245]\d\d(?:[ -][245]\.\d{1,3}\.\d{1,3})?\s+(?<address><?[^\s<>@]+@[^\s<>]+?>?)\.\.\.", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SummaryLine();

    // Separators MTAs put before the returned message, or the returned message's first header lines.
    [GeneratedRegex(@"^[ \t]*(?:message headers follow|original message follows|below is a copy of the (?:original )?message|included is a copy of the message header|the original message (?:headers? )?(?:is|are|was|were) (?:attached|included|below|as follows))|^[ \t|]*-{2,}[ \t]*(?:message text follows|this is a copy of|original message|below this line|returned message|message headers? follows?|original message headers|the header of the original|undelivered message|unsent message|text of returned|rejected message|header of the message|message header|copy of the message|headers of your message|the following is|original mail|original text|ursprüngliche|message d'origine|mensaje original|исходное сообщение)|^(?:Received|Return-Path|DKIM-Signature|Message-ID|MIME-Version|X-Mailer|Content-Type|Authentication-Results|ARC-Seal):[ \t]", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ReturnedMessageStart();
}
