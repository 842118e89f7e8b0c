namespace Campaigns.Mail.Dkim;

/// <summary>A sending domain's DKIM key. The private key (PKCS#8 PEM) stays in the database and is never shown again.</summary>
/// <param name="PublicKeyBase64">The p= value of the DNS record.</param>
public sealed record DkimKey(string Domain, string Selector, DkimAlgorithm Algorithm, string PrivateKeyPem, string PublicKeyBase64)
{
    /// <summary>Where the public key is published: a TXT record of this name.</summary>
    public string DnsName => $"{Selector}._domainkey.{Domain}";

    /// <summary>The TXT record's value.</summary>
    public string DnsValue => $"v=DKIM1; k={(Algorithm == DkimAlgorithm.Ed25519 ? "ed25519" : "rsa")}; p={PublicKeyBase64}";

    public override string ToString() => $"DkimKey {{ {DnsName}, {Algorithm} }}"; // never the private key, not even in a log line
}
