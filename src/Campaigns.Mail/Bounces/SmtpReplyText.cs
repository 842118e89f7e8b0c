using System.Globalization;
using System.Text.RegularExpressions;

namespace Campaigns.Mail.Bounces;

/// <summary>Finds the SMTP reply code and the enhanced status code in what a server or an MTA wrote.</summary>
public static partial class SmtpReplyText
{
    /// <summary>"5.1.1" from "5.1.1", "#5.1.1", "5.1.1 (bad destination mailbox)" or "Status: 5.1.1"; null when there is none.</summary>
    public static string? NormalizeStatus(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var m = StatusPattern().Match(raw);
        return m.Success ? $"{m.Groups["class"].Value}.{Trim(m.Groups["subject"].Value)}.{Trim(m.Groups["detail"].Value)}" : null;

        // "5.01.001" is written by a few old MTAs; the numbers are what count.
        static string Trim(string number) => int.Parse(number, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The first enhanced status code in a text ("said: 550 5.1.1 ...", "(#5.1.1)").</summary>
    public static string? FindStatus(string? text) => NormalizeStatus(text);

    /// <summary>
    /// The reply code: preferably one followed by an enhanced status ("550 5.1.1", "550-5.1.1"), else the first three-digit
    /// 2xx-5xx reply (2xx: one RFC 5321 defines) that stands alone at the start of the text or after "said:", a quote, '#' or '('.
    /// </summary>
    public static int? FindReplyCode(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var m = CodeWithStatusPattern().Match(text);
        if (!m.Success)
        {
            m = CodePattern().Match(text);
        }

        return m.Success ? int.Parse(m.Groups["code"].Value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>"550 5.1.1 user unknown" from "smtp; 550 5.1.1 user unknown" (the Diagnostic-Code's type prefix dropped).</summary>
    public static string StripDiagnosticType(string diagnostic)
    {
        var m = DiagnosticTypePattern().Match(diagnostic);
        return (m.Success ? diagnostic[m.Length..] : diagnostic).Trim();
    }

    /// <summary>
    /// The remote server's reply when a relay wrapped it in its own verdict: Amazon SES writes "5.1.0 - Unknown address
    /// error 550-'5.7.1 ... Access denied'", where only the quoted part is what the receiving server said.
    /// </summary>
    public static string RemoteReply(string diagnostic)
    {
        var m = WrappedReplyPattern().Match(diagnostic);
        return m.Success ? $"{m.Groups["code"].Value} {m.Groups["reply"].Value.Trim()}" : diagnostic;
    }

    [GeneratedRegex(@"^[245]\.\d{1,3}\.\d{1,3} - [^'\n]{1,80}?(?<code>[245][0-5]\d)[ -]'(?<reply>[^']+)'", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex WrappedReplyPattern();

    [GeneratedRegex(@"(?<![\d.])(?<class>[245])\.(?<subject>\d{1,3})\.(?<detail>\d{1,3})(?!\d)(?!\.\d)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex StatusPattern();

    [GeneratedRegex(@"(?<![\w.])(?<code>[245][0-5]\d)(?:[ -]+|\s*[:,]\s*)#?[245]\.\d{1,3}\.\d{1,3}(?!\d)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex CodeWithStatusPattern();

    // Bare 2xx numbers are only the replies RFC 5321 defines: a "Size (in bytes): 222" line is no reply.
    [GeneratedRegex(@"(?:^|[\s:'""(#<\[=])(?<code>21[14]|22[01]|25[0-2]|[45][0-5]\d)(?=[\s\-:,.)'""]|$)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^\s*(?:smtp|x-[\w-]+|esmtp|mail|lmtp|unix|x400|rfc822)\s*;\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex DiagnosticTypePattern();
}
