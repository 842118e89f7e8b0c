using MimeKit;
using MimeKit.Cryptography;

namespace Campaigns.Mail.Dkim;

/// <summary>
/// Signs messages with one domain's key (relaxed/relaxed). The signed headers include List-Unsubscribe and
/// List-Unsubscribe-Post, which Gmail and Yahoo require for one-click unsubscribe.
/// </summary>
public sealed class DkimMessageSigner
{
    private static readonly HeaderId[] SignedHeaders =
        [HeaderId.From, HeaderId.To, HeaderId.Subject, HeaderId.Date, HeaderId.MessageId, HeaderId.ReplyTo, HeaderId.MimeVersion, HeaderId.ContentType];

    private static readonly string[] SignedHeaderNames =
        [.. SignedHeaders.Select(h => h.ToHeaderName()), "List-Id", "List-Unsubscribe", "List-Unsubscribe-Post"];

    private readonly DkimSigner _signer;

    public DkimMessageSigner(DkimKey key)
    {
        Key = key;
        var privateKey = DkimKeyGenerator.ReadPrivateKey(key.PrivateKeyPem);
        _signer = key.Algorithm == DkimAlgorithm.Ed25519
            ? new DkimSigner(privateKey, key.Domain, key.Selector, DkimSignatureAlgorithm.Ed25519Sha256)
            : new NativeRsaDkimSigner(privateKey, key.PrivateKeyPem, key.Domain, key.Selector);
        _signer.HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed;
        _signer.BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed;
    }

    public DkimKey Key { get; }

    /// <summary>Signs in place. The message is first given its final transfer encoding, which the signature covers.</summary>
    public void Sign(MimeMessage message)
    {
        message.Prepare(EncodingConstraint.SevenBit);
        _signer.Sign(message, SignedHeaderNames);
    }
}
