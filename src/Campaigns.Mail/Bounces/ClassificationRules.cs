namespace Campaigns.Mail.Bounces;

/// <summary>
/// The data the classifier decides from, in the order it is consulted: enhanced status codes, then diagnostic-text
/// patterns (first match wins), then bare SMTP reply codes. Extend by adding rows; order matters in <see cref="Texts"/>.
/// </summary>
public static class ClassificationRules
{
    private const BounceKind Hard = BounceKind.Hard;
    private const BounceKind Soft = BounceKind.Soft;

    /// <summary>Permanent (class 5) enhanced status codes, RFC 3463 and the IANA registry. Class 4 is always soft.</summary>
    public static IReadOnlyList<StatusCodeRule> Statuses { get; } =
    [
        new("1.1", Hard, "user unknown", Decisive: true),             // bad destination mailbox address
        new("1.2", Hard, "no such domain", Decisive: true),           // bad destination system address
        new("1.3", Hard, "invalid address", Decisive: false),         // bad destination mailbox address syntax (some servers send it with block-list text)
        new("1.4", Hard, "ambiguous address", Decisive: false),
        new("1.6", Hard, "moved", Decisive: true),                    // destination mailbox has moved, no forwarding address
        new("1.10", Hard, "domain accepts no mail", Decisive: true),  // RFC 7505 null MX
        new("1.7", Soft, "sender address rejected", Decisive: true),  // our MAIL FROM was refused: nothing wrong with the recipient
        new("1.8", Soft, "sender address rejected", Decisive: true),
        new("1.0", Hard, "address rejected", Decisive: false),        // "other address status": often an unknown user, sometimes policy
        new("1.*", Hard, "address rejected", Decisive: false),        // 5.1.7/5.1.8 (bad sender) and friends: refined by the text
        new("2.1", Hard, "mailbox disabled", Decisive: false),        // disabled accounts stay disabled; a few servers mean "full"
        new("2.2", Soft, "mailbox full", Decisive: true),             // over quota: 5xx, but it empties
        new("2.3", Soft, "message too large", Decisive: true),
        new("2.4", Soft, "mailing list expansion problem", Decisive: true),
        new("2.*", Soft, "mailbox unavailable", Decisive: false),
        new("3.4", Soft, "message too large", Decisive: true),
        new("3.2", Hard, "system not accepting mail", Decisive: false), // permanent form: the host takes no mail (RFC 3463), as 521 does
        new("3.*", Soft, "receiving system error", Decisive: false),
        new("4.4", Hard, "no such domain", Decisive: false),          // unable to route: no MX/A for the domain (some MTAs use it for network trouble)
        new("4.7", Soft, "expired in queue", Decisive: true),         // delivery time expired
        new("4.6", Soft, "routing loop", Decisive: true),
        new("4.*", Soft, "network error", Decisive: false),
        new("5.0", Soft, "protocol error", Decisive: false, Undefined: true), // Microsoft and others send 5.5.0 with any RCPT refusal: the text decides
        new("5.*", Soft, "protocol error", Decisive: false),
        new("6.*", Soft, "rejected for content", Decisive: false),
        new("7.*", Soft, "rejected by policy", Decisive: false),      // spam, reputation, SPF/DKIM/DMARC, relaying; servers also use 5.7.1 for unknown users
        new("0.0", Hard, "permanent failure", Decisive: false),       // "other undefined status": the text decides
    ];

    /// <summary>
    /// Diagnostic-text patterns, case-insensitive, first match wins. Soft signals that come with words like "user",
    /// "mailbox" or "domain" go first (our sender refused, a full mailbox, a rate limit), then the hard ones, then
    /// "come back later", spam, block lists, the vague "mailbox unavailable", policy and network trouble.
    /// </summary>
    public static IReadOnlyList<ClassificationRule> Texts { get; } =
    [
        // Refusals of our sender address or of the connection before any recipient was named say nothing about the recipient.
        new(@"after (mail from|helo|ehlo|initial connection|connect)|>>> mail from|in reply to (mail from|helo|ehlo)|sender address rejected|domain of sender|sender (domain|address) (does not exist|must resolve|not found|unknown|is invalid)|(rejected|refused) .{0,20}sender|sender (verify|verification) failed|my name was rejected", Soft, "sender or connection rejected"),

        // A DNS lookup that failed for now ("try again") is not a missing domain.
        new(@"not found, try again|temporary (dns|name server|lookup) (failure|error)|dns (temporary|timeout|servfail)|servfail", Soft, "DNS lookup failed temporarily"),

        // Mailbox full / over quota, in several languages: 552 and even 550 with these words are soft.
        new(@"mailbox (is )?full|mail ?box.{0,40}(is )?full|(mailbox|account|user|recipient|inbox).{0,30}(over|exceed(s|ed)?( its| their| the)?) ?(the )?(storage |disk |size )?(quota|limit|allocation)|over ?quota|quota (exceeded|full|violation)|exceeded (storage|quota)|exceeds? (the )?(quota|storage)|insufficient (disk |system )?(space|storage)|not enough (space|storage)|mailbox size limit|(disk|mailfolder|inbox|folder) (is )?full|out of (disk )?space|storage (space )?(quota|limit|full)|postfach (ist )?(voll|überfüllt)|speicherplatz|boîte( aux lettres)? (est )?pleine|buz[oó]n( de correo)? (est[aá] )?lleno|casella (di posta )?piena|переполнен|превышен|容量(が)?(超過|オーバー|不足)|メールボックスがいっぱい", Soft, "mailbox full", Strong: true),

        // Rate limits and throttling.
        new(@"rate ?limit|too many (messages|connections|recipients|mails|emails|concurrent|sessions|errors|invalid)|sending rate|receiving mail at a rate|exceeded .{0,40}(rate|limit|threshold)|throttl|frequency limit|slow down|limit exceeded|connection limit|daily (sending )?limit", Soft, "rate limited", Strong: true),

        // Office 365 directory-based edge blocking: the recipient is not in the tenant's directory.
        new(@"(recipient address rejected|all recipient addresses rejected)\s*:\s*access denied|recipient not found by smtp address lookup|RESOLVER\.ADR\.(RecipNotFound|RecipientNotFound|ExRecipNotFound)", Hard, "user unknown", Strong: true),

        // Moved / no longer with the organisation.
        new(@"has moved|moved (permanently|to)|no longer (with|employed|works)|changed (his|her|their|my) (e-?mail )?address|address has changed|new (e-?mail )?address is", Hard, "moved", Strong: true),

        // Disabled, closed, suspended or expired accounts.
        new(@"(account|mailbox|user|address|recipient)( has been| is| was)? (disabled|deactivated|de-activated|closed|suspended|inactive|terminated|deleted|expired|locked|blocked due to inactivity)|(disabled|inactive|suspended|closed|deactivated) (account|mailbox|user|recipient|address)|no longer (active|valid|in use|available|exists)|account .{0,20}(is )?(not active|not enabled)|user (is )?(suspended|inactive|disabled)", Hard, "mailbox disabled", Strong: true),

        // Expired in a queue (the sender's or an intermediate MTA gave up).
        new(@"retry time(out)? (exceeded|not reached)|\bexpired\b|failing for a long time|delivery failed \d+ attempts|message expired|(has|have) expired|expired (in|after|while)|delivery (time )?expired|too long in (the )?queue|(been|was) (queued|undeliverable|in the queue) for|could not be delivered (within|for) \d|timeout (exceeded|waiting)|delivery attempts? (will continue|failed for)|maximum (time|retries)|time(d)? ?out .{0,40}(delivery|deliver)|unable to deliver .{0,30}after|(could not|couldn't|cannot) deliver for (the last )?\d|\bgiving up\b|not going to try again|(aborted|given up|gave up) after \d", Soft, "expired in queue"),

        // A local delivery program (a pipe, procmail, a mailer) failed: the mail system's trouble, not the address's.
        new(@"\bpipe to \||\bprocmail\b|(unknown )?mailer (error|failure)|local delivery (failed|program)|command (died|failed) with|exited with (status|code)|delivery program", Soft, "local delivery program failed"),

        // Unknown user / mailbox, the most common hard bounce, as MTAs and providers word it.
        new(@"user ?unknown|name is not recognized|not recognized as a valid|invalid .{0,20}userid|unknown (user|recipient|mailbox|address|local[- ]?part|alias|e-?mail)|(no such|invalid|bad|illegal|unknown) (user|mailbox|recipient|account|address|person|local user|e-?mail address|destination (mailbox )?address)|(user|mailbox|recipient|account|address|addressee|e-?mail( account| address)?)( name)?( that you tried to reach)? (does not|doesn't|does no longer|did not|no longer) exists?|(user|mailbox|recipient|address|account|addressee)( was| is)? (not found|unknown|not known|nonexistent|non-existent|not exist|invalid|not valid|unavailable: not found)|(not|isn't|is not) a (valid|known) (user|mailbox|recipient|address)|recip(ient)? ?not ?found|RecipNotFound|(mailbox|address) (could not be|couldn't be|cannot be|can't be) found|(e-?mail address|recipient) (you entered )?(couldn't|could not|cannot|can't) be found|no mailbox (here|by that name)|(sorry,? )?no (mailbox|account|user) (here|for|with|by)|undeliverable address|addressee unknown|not our customer|doesn't have an? .{1,40} account|no valid recipients|(invalid|unknown|nonexistent) (mailbox|recipient|e-?mail)|mailbox (does not|doesn't) exist|(the )?email account .{0,40}does not exist|is not a valid mailbox|user not (found|exist|local)|unknown or illegal alias|no such person|(recipient|address) (address )?rejected: (user unknown|unknown|undeliverable|not found)|user doesn't exist|not listed in|no account by that name|benutzer.{0,30}(unbekannt|existiert nicht|nicht vorhanden)|empf[äa]nger.{0,40}(unbekannt|existiert nicht|nicht gefunden|ung[üu]ltig)|unbekannte?r? (empf[äa]nger|benutzer|adresse)|adresse.{0,30}(existiert nicht|unbekannt|ung[üu]ltig)|(utilisateur|destinataire|adresse|bo[iî]te).{0,30}(inconnue?|n'existe pas|introuvable|invalide)|(usuario|destinatario|direcci[oó]n|buz[oó]n).{0,30}(desconocido|no existe|inexistente|no v[aá]lid)|(utente|destinatario|indirizzo).{0,30}(sconosciuto|inesistente|non esiste)|(пользовател|адрес|получател|ящик).{0,30}(не существует|не найден|неизвестен|нет)|нет такого|несуществующ|ディレクトリのリストにありません|(ユーザ|アカウント|宛先|アドレス).{0,10}(存在しません|見つかりません|不明)|宛先不明", Hard, "user unknown", Strong: true),

        // The domain does not exist or accepts no mail.
        new(@"host (or domain name )?not found|\bhost unknown|no smtp service|domain (name )?(not found|does not exist|doesn't exist|is not valid|unknown)|no such (domain|host)|nxdomain|unrouteable (mail )?domain|unrouteable address|unknown (domain|host)|(domain|host)name (lookup )?failed|name or service not known|no (mx|mail exchanger|valid mx)|null mx|(domain|host) (does not|doesn't|do not) accept (any )?(e-?)?mail|domain .{0,60} (does not|doesn't) exist|could not be resolved|cannot be resolved|unresolvable|(dns|mx) (lookup|record).{0,30}(fail|not found|no)|(domain|host) (not|isn't|is not) (configured|reachable|known)|bad destination system|domain .{0,30}no longer|the domain name .{0,60} (is not valid|does not exist)|domäne.{0,30}(existiert nicht|nicht gefunden)|domaine.{0,30}(inexistant|n'existe pas)", Hard, "no such domain", Strong: true),

        // Greylisting and other "come back later" answers.
        new(@"gr[ae]y ?list|try (again )?later|please (try|retry)|retry (later|in \d)|temporar(il)?y (rejected|deferred|unavailable|blocked|failure|not available|suspended|disabled)|temporary (local )?problem|deferred|service (is )?temporarily unavailable|resources temporarily|not available right now", Soft, "temporary failure / greylisted"),

        // RFC 3463's X.3.2 wording: the host takes no mail at all (a retired or mail-less system), unless it said "later" above.
        new(@"not accepting (network )?(messages|mail)", Hard, "system not accepting mail"),

        // Google Groups and mailing-list managers refusing a post (no such group, not a member): about our message, not the address.
        new(@"group you tried to contact|not (a )?member|you (are|were) not (allowed|permitted) to post|posting (is )?(restricted|not allowed)|duplicated message-id|google groups|groups\.google\.com", Soft, "rejected by the list"),

        // Authentication failures (SPF, DKIM, DMARC) and missing reverse DNS: the sender's setup, not the recipient.
        new(@"\b(spf|dkim|dmarc)\b|sender policy framework|domain-based message authentication|authentication (checks? )?(failure|failed|required)|unauthenticated|(reverse|rdns|ptr).{0,30}(dns|lookup|record|fail|missing|mismatch|not)|no ptr|(ip|client) .{0,30} (has )?no (reverse|ptr|rdns)|not (have|has) a (reverse|ptr)|helo .{0,40}(rejected|invalid|required|fqdn)|mismatches client ip", Soft, "sender authentication failed"),

        // Message size.
        new(@"too (large|big)|size (limit|exceed)|message size|exceeds? .{0,30}(size|length)|maximum (message )?size|message length exceeds|mesg too big", Soft, "message too large"),

        // Spam, viruses and other content rejections.
        new(@"spam(?!haus|cop)|junk|virus|malware|infected|phish|content (filter|rejected|violation|policy)|message (content )?(rejected|refused|blocked|filtered)|rejected (for|due to|because of|as) .{0,30}(content|spam|message|bulk|policy|security)|unsolicited|\buce\b|bulk (mail|e-?mail)|suspicious|looks like|high probability|scored|(appears|seems|considered|detected) (to be |as )?(spam|junk|unsolicited|bulk)|not accepted .{0,20}(content|message)", Soft, "rejected as spam or for content"),

        // Block lists, reputation and blocked senders.
        new(@"black ?list|block ?list|deny ?list|listed (in|at|on|by)|spamhaus|spamcop|sorbs|barracuda|\brbl\b|\bdnsbl\b|reputation|\bblocked\b|\bbanned\b|blocking|not (accepted|allowed) from|refused to talk|access denied|connection (refused|rejected)|sender (rejected|denied|blocked|address rejected)|client host rejected|poor reputation|rejected by .{0,30}(filter|policy)", Soft, "blocked"),

        // Vague phrases: they mostly mean the mailbox is gone, unless a rule above said otherwise.
        new(@"mailbox (is )?(unavailable|not available|unknown)|requested action not taken: mailbox|recipient (address )?rejected|invalid recipient|address rejected|not (a )?local (user|recipient)|user not local|cannot (deliver|be delivered) to (this|the) (user|recipient|address)", Hard, "mailbox unavailable"),

        // Relaying and other policy refusals.
        new(@"relay(ing)? (access )?(denied|not permitted|not allowed|prohibited)|unable to relay|not permitted to relay|we do not relay|open relay|policy|violation|\brejected\b|prohibited|not (permitted|allowed|authorized|authorised)|administrative|denied|refused|not accept|restricted|forbidden|security", Soft, "rejected by policy"),

        // Network and receiving-system trouble.
        new(@"connection (timed out|timeout|reset|lost|closed)|timed out|lost connection|network (is )?unreachable|no route to host|(system|server) (error|unavailable|busy|failure)|i/o error|local (error|configuration error)|mail (loop|loops) |loop detected|too many hops|hop count|internal (server )?error|out of memory|unexpected|protocol error|syntax error|command (rejected|unrecognized|not recognized)|tls|ssl|certificate|could not connect|connection refused|unable to connect|host unreachable", Soft, "network or system error"),
    ];

    /// <summary>Bare SMTP reply codes (RFC 5321), the last resort when there is no status and no telling text.</summary>
    public static IReadOnlyDictionary<int, BounceClassification> ReplyCodes { get; } = new Dictionary<int, BounceClassification>
    {
        [421] = new(Soft, "service not available"),
        [450] = new(Soft, "mailbox busy or greylisted"),
        [451] = new(Soft, "local error in processing"),
        [452] = new(Soft, "insufficient system storage"),
        [500] = new(Soft, "syntax error"),
        [501] = new(Soft, "syntax error in parameters"),
        [502] = new(Soft, "command not implemented"),
        [503] = new(Soft, "bad sequence of commands"),
        [504] = new(Soft, "parameter not implemented"),
        [521] = new(Hard, "domain accepts no mail"),      // RFC 7504
        [550] = new(Hard, "mailbox unavailable"),
        [551] = new(Hard, "user not local"),
        [552] = new(Soft, "exceeded storage allocation"),
        [553] = new(Hard, "mailbox name not allowed"),
        [554] = new(Soft, "transaction failed"),          // mostly policy and spam rejections
        [556] = new(Hard, "domain accepts no mail"),      // RFC 7504
    };
}
