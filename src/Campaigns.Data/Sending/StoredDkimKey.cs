namespace Campaigns.Data.Sending;

/// <summary>A sending domain's DKIM keys as stored: the private key is read by the senders and never listed.</summary>
public sealed record StoredDkimKey(long Id, string Domain, string Selector, string Algorithm, string PrivateKeyPem, string PublicKeyBase64, DateTimeOffset CreatedAt);
