using Campaigns.Core.Common;
using Campaigns.Core.Subscribers;

namespace Campaigns.Core.Suppressions;

/// <summary>Turns what an operator typed (an address, or a domain with or without a leading @) into a suppression key.</summary>
public static class SuppressionTarget
{
    public static (SuppressionKind Kind, string Value) Parse(string input)
    {
        var text = (input ?? "").Trim();
        if (text.Contains('@', StringComparison.Ordinal) && !text.StartsWith('@'))
        {
            if (!EmailAddress.TryNormalize(text, out var email, out var error))
            {
                throw new ValidationException($"'{text}' is not a valid address: {error}.");
            }

            return (SuppressionKind.Address, email.Key);
        }

        var domain = text.TrimStart('@');
        if (!EmailAddress.TryNormalizeDomain(domain, out var ascii, out var domainError))
        {
            throw new ValidationException($"'{text}' is not a valid domain: {domainError}.");
        }

        return (SuppressionKind.Domain, ascii);
    }

    /// <summary>The domain and each parent domain that could carry a suppression for it (mail.example.com, example.com).</summary>
    public static IEnumerable<string> DomainCandidates(string asciiDomain)
    {
        var d = asciiDomain;
        while (true)
        {
            yield return d;
            var dot = d.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0 || d.IndexOf('.', dot + 1) < 0)
            {
                yield break;
            }

            d = d[(dot + 1)..];
        }
    }
}
