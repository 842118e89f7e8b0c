using System.Text.RegularExpressions;

namespace Campaigns.Mail.Bounces;

/// <summary>
/// Classifies one failure from its SMTP reply code, enhanced status code and diagnostic text, using
/// <see cref="ClassificationRules"/>: a decisive status code first (5.1.1, 5.2.2, 4.x.x...), then the text, then the
/// status code's default, then the bare reply code. The sender workers call it with synchronous SMTP replies; the
/// bounce parser with what a DSN or a non-standard bounce says.
/// </summary>
public static partial class BounceClassifier
{
    private const int MaxTextLength = 4000;

    /// <summary>Classifies an SMTP reply; a missing code or status is looked for in the text.</summary>
    /// <example><c>Classify(550, "5.1.1", "&lt;x@y&gt;: Recipient address rejected: User unknown")</c> is (Hard, "user unknown").</example>
    public static BounceClassification Classify(int? replyCode, string? enhancedStatus, string? diagnosticText)
    {
        var text = Clean(diagnosticText);
        var status = SmtpReplyText.NormalizeStatus(enhancedStatus) ?? SmtpReplyText.FindStatus(text);
        var code = replyCode ?? SmtpReplyText.FindReplyCode(text);
        var rule = MatchText(text);

        switch (status?[0])
        {
            case '2':
                return new(BounceKind.Delivered, "delivered");
            case '4':
                return new(BounceKind.Soft, rule is { Kind: BounceKind.Soft } ? rule.Reason : $"temporary failure ({StatusRule(status)?.Reason ?? "unspecified"})");
            case '5':
                var statusRule = StatusRule(status);
                if (statusRule is null)
                {
                    break;
                }

                // A full mailbox or a rate limit, named outright, means the mailbox exists whatever code came with it
                // (qmail's "over quota (#5.1.1)", GoDaddy's "550 5.1.1 ... sent to too many recipients this hour").
                if (statusRule.Kind == BounceKind.Hard && rule is { Kind: BounceKind.Soft, Strong: true })
                {
                    return new(rule.Kind, rule.Reason);
                }

                // Vague "mailbox unavailable" wording does not outweigh a status that names a policy, content or system problem.
                if (statusRule.Decisive || (statusRule is { Kind: BounceKind.Soft, Undefined: false } && rule is { Kind: BounceKind.Hard, Strong: false }))
                {
                    return new(statusRule.Kind, statusRule.Reason);
                }

                if (rule is not null)
                {
                    return new(rule.Kind, rule.Reason);
                }

                // 5.0.0 says only "failed"; the reply code says more (554 is mostly policy, 550 a missing mailbox).
                if (status == "5.0.0" && code is not null && ClassificationRules.ReplyCodes.TryGetValue(code.Value, out var generic))
                {
                    return generic;
                }

                return new(statusRule.Kind, statusRule.Reason);
        }

        if (code is >= 400 and < 500)
        {
            return new(BounceKind.Soft, rule is { Kind: BounceKind.Soft } ? rule.Reason : ReplyCodeReason(code.Value, "temporary failure"));
        }

        if (rule is not null)
        {
            return new(rule.Kind, rule.Reason);
        }

        if (code is >= 200 and < 300)
        {
            return new(BounceKind.Delivered, "delivered");
        }

        if (code is not null && ClassificationRules.ReplyCodes.TryGetValue(code.Value, out var byCode))
        {
            return byCode;
        }

        return code is >= 500 and < 600 ? new(BounceKind.Hard, "permanent failure") : new(BounceKind.Unknown, "no status code, reply code or known wording");
    }

    /// <summary>Classifies one recipient of a DSN: the action decides first (delayed is soft, delivered is delivered).</summary>
    public static BounceClassification Classify(string? action, int? replyCode, string? enhancedStatus, string? diagnosticText)
    {
        switch (action?.Trim().ToLowerInvariant())
        {
            case "delivered" or "relayed" or "expanded" or "deliverable": // "deliverable": the answer to an address check (sendmail -bv)
                return new(BounceKind.Delivered, action.Trim().ToLowerInvariant());
            case "delayed":
                var delayed = Classify(replyCode, enhancedStatus, diagnosticText);
                return new(BounceKind.Soft, delayed.Kind == BounceKind.Soft ? $"delayed: {delayed.Reason}" : "delayed");
        }

        // "failed" with a 2.x.x or 4.x.x status still failed; a 4.x.x stays soft, 2.x.x says nothing.
        var result = Classify(replyCode, enhancedStatus?.StartsWith('2') == true ? null : enhancedStatus, diagnosticText);
        return result.Kind == BounceKind.Delivered ? new(BounceKind.Unknown, "failed without a reason") : result;
    }

    /// <summary>Classifies a whole SMTP reply line as a client received it ("550 5.1.1 &lt;x@y&gt;: User unknown").</summary>
    public static BounceClassification ClassifyReply(string reply) => Classify(null, null, reply);

    /// <summary>Whether a text has wording that one of the text rules recognizes.</summary>
    public static bool HasTellingText(string? text) => MatchText(Clean(text)) is not null;

    internal static ClassificationRule? MatchText(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        foreach (var rule in ClassificationRules.Texts)
        {
            if (rule.Regex.IsMatch(text))
            {
                return rule;
            }
        }

        return null;
    }

    private static StatusCodeRule? StatusRule(string status)
    {
        var rest = status[2..];
        var subject = rest[..(rest.IndexOf('.', StringComparison.Ordinal) + 1)];
        return ClassificationRules.Statuses.FirstOrDefault(r => r.SubjectDetail == rest)
               ?? ClassificationRules.Statuses.FirstOrDefault(r => r.SubjectDetail == subject + "*");
    }

    private static string ReplyCodeReason(int code, string fallback) =>
        ClassificationRules.ReplyCodes.TryGetValue(code, out var c) ? c.Reason : fallback;

    /// <summary>One line, bounded, with addresses replaced so a local part like "spam-trap" or "blocked" cannot match a rule.</summary>
    private static string Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var bounded = text.Length > MaxTextLength ? text[..MaxTextLength] : text;
        return Whitespace().Replace(Address().Replace(bounded, "<address>"), " ").Trim();
    }

    [GeneratedRegex(@"[^\s<>()\[\]""',;:]+@[^\s<>()\[\]""',;:]+", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Address();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Whitespace();
}
