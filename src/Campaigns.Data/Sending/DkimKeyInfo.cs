namespace Campaigns.Data.Sending;

/// <summary>A DKIM key as the admin UI lists it: the public half and its DNS record, never the private key.</summary>
public sealed record DkimKeyInfo(long Id, string Domain, string Selector, string Algorithm, string PublicKeyBase64, DateTimeOffset CreatedAt)
{
    /// <summary>Where the public key is published: a TXT record of this name.</summary>
    public string DnsName => $"{Selector}._domainkey.{Domain}";

    /// <summary>The TXT record's value.</summary>
    public string DnsValue => $"v=DKIM1; k={(Algorithm == "ed25519" ? "ed25519" : "rsa")}; p={PublicKeyBase64}";
}
