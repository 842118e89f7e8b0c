using System.Text.RegularExpressions;
using MimeKit;

namespace Campaigns.Mail.Bounces;

/// <summary>
/// Whether a message without a delivery-status part is a bounce: who sent it, its subject, an X-Failed-Recipients header,
/// and the sentences MTAs write (in several languages). Two signals are needed, so a person's reply that happens to say
/// "undeliverable" is not taken for a bounce.
/// </summary>
internal static partial class BounceSignals
{
    public static bool LooksLikeBounce(MimeMessage message, string text)
    {
        var score = 0;
        if (message.Headers.Contains("X-Failed-Recipients"))
        {
            score += 2;
        }

        if (SentByMailSystem(message))
        {
            score++;
        }

        if (message.Subject is { } subject && BounceSubject().IsMatch(subject))
        {
            score++;
        }

        var head = text.Length > 20_000 ? text[..20_000] : text;
        if (BounceSentence().IsMatch(head))
        {
            score += 2;
        }
        else if (ErrorReplyLine().IsMatch(head))
        {
            score++;
        }

        return score >= 2;
    }

    /// <summary>MAILER-DAEMON, postmaster, "Mail Delivery System" and friends.</summary>
    public static bool SentByMailSystem(MimeMessage message)
    {
        // "From: <>" and "From: MAILER-DAEMON <>" hold no mailbox MimeKit can return.
        var raw = message.Headers[HeaderId.From]?.Trim() ?? "";
        if (raw.EndsWith("<>", StringComparison.Ordinal) || SystemSenderName().IsMatch(raw))
        {
            return true;
        }

        foreach (var from in message.From.Mailboxes)
        {
            if (AddressText.IsSystemAddress(from.Address ?? "") || (from.Name is { } name && SystemSenderName().IsMatch(name)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A line that starts with a 4xx/5xx reply, as a server's refusal quoted in prose.</summary>
    [GeneratedRegex(@"^\s*(?:<<<\s*)?[45][0-5]\d[ -]", RegexOptions.Multiline | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ErrorReplyLine();

    [GeneratedRegex(@"mail delivery|mailer[- ]?daemon|post_?master|delivery (status|subsystem|system|service)|mail (system|administrator|router)|system administrator|microsoft outlook|mdaemon|post office|internet mail delivery|administrador|e-?mail delivery", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SystemSenderName();

    [GeneratedRegex(@"undeliver|undelivered|returned mail|return(ed)? to sender|delivery (status notification|failure|failed|problem|report|notification|error|incomplete|has failed|delayed)|mail delivery (failed|failure|problem|system|subsystem)|failure notice|non[- ]?(delivery|deliverable|remis)|nondeliverable|could not (be )?(deliver|sent)|couldn't be delivered|unable to deliver|mail system error|delayed mail|warning: could not send|not (been )?delivered|message (not delivered|delivery failure|failed)|failed delivery|delivery notification|unzustellbar|nicht zustellbar|zustellung|benachrichtigung zum übermittlungsstatus|unzustellbare|non recapitabile|mancata consegna|échec (de (la )?)?(remise|distribution|livraison)|remise impossible|message non délivré|no se (puede|pudo) entregar|no entregado|error en la entrega|imposible entregar|недоставлен|не доставлено|не удалось доставить|ошибка доставки|returned message|bounce|returning( message)? to sender|mail failed|mail failure|failed mail|delivery (has )?failed|not (be )?delivered|error sending", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex BounceSubject();

    [GeneratedRegex(@"this is the qmail-send program|i'm afraid i wasn't able to deliver|created automatically by mail delivery software|could not be delivered to one or more|delivery has failed to these recipients|delivery to the following recipients? (failed|has been delayed)|your message (couldn't|could not|wasn't|was not|cannot|can't|did not|didn't) (be )?(delivered|reach)|transcript of session follows|permanent fatal errors|unable to deliver (your )?(message|mail)|sorry, we were unable to deliver|message delivery to .{1,100} failed|the original message was received at|i'm sorry to have to inform you that your message could not|this is the mail system at host|(was|were|has not been|have not been) not delivered to|was undeliverable|is undeliverable|failed permanently|smtp error from remote (mail )?server|remote host said|said: [45]\d\d|retry timeout exceeded|this is an automatically generated delivery status notification|delivery status notification|message could not be delivered|mail could not be delivered|the following message to .{1,100} was undeliverable|undeliverable (mail|message)|non-?delivery (report|notification)|mail delivery failed|could not deliver|failed to deliver|delivery failure|recipient address rejected|konnte nicht (zugestellt|ausgeliefert)|nicht zugestellt werden|unzustellbar|n'a pas pu être (remis|distribué|délivré)|impossible de (remettre|distribuer|livrer)|no (se )?(ha )?(pudo|puede) (ser )?entregar|non è stato possibile (recapitare|consegnare)|не (удалось|может быть|могло быть) доставлен|не доставлено|ваше сообщение не|could not be delivered|did not reach the following recipient|error (delivering|sending) your (mail|message)|failed addresses follow|there was an error delivering|the following recipients? (could not|cannot) be reached|message was not delivered|delivery failed", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex BounceSentence();
}
