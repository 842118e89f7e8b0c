using System.Text.RegularExpressions;

namespace Campaigns.Mail.Bounces;

/// <summary>One pattern of the diagnostic-text table: text matching <see cref="Pattern"/> means <see cref="Kind"/>.</summary>
/// <param name="Strong">
/// True for phrases that name the failure unambiguously ("user unknown"); those outrank an enhanced status that is only
/// a policy code (5.7.x), which many servers send whatever the reason. Soft rules marked strong (a full mailbox, a
/// rate limit) outrank even a decisive hard status, since servers send 5.1.1 with them too.
/// </param>
public sealed record ClassificationRule(string Pattern, BounceKind Kind, string Reason, bool Strong = false)
{
    public Regex Regex { get; } = new(Pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
