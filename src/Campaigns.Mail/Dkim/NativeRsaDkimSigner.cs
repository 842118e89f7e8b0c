using System.Collections.Concurrent;
using System.Security.Cryptography;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;

namespace Campaigns.Mail.Dkim;

/// <summary>
/// MimeKit's DKIM signer (canonicalization, body hash, header) with the RSA step done by the platform's
/// System.Security.Cryptography (OpenSSL here) instead of BouncyCastle's managed RSA: measured 5.6 ms per RSA-2048
/// signature in BouncyCastle against 0.25 ms in OpenSSL on this machine. PKCS#1 v1.5 is deterministic, so the
/// signature is byte for byte the one BouncyCastle makes.
/// </summary>
internal sealed class NativeRsaDkimSigner : DkimSigner
{
    // RSA instances are not promised to be safe for concurrent use: each signature borrows one.
    private readonly ConcurrentBag<RSA> _keys = [];
    private readonly string _privateKeyPem;

    public NativeRsaDkimSigner(AsymmetricKeyParameter key, string privateKeyPem, string domain, string selector)
        : base(key, domain, selector, DkimSignatureAlgorithm.RsaSha256)
    {
        _privateKeyPem = privateKeyPem;
        Return(Rent()); // a key that does not import fails here, when the signer is made, not at the first message
    }

    protected override ISigner CreateSigningContext() => new RsaSha256SigningContext(this);

    internal RSA Rent()
    {
        if (_keys.TryTake(out var rsa))
        {
            return rsa;
        }

        rsa = RSA.Create();
        rsa.ImportFromPem(_privateKeyPem);
        return rsa;
    }

    internal void Return(RSA rsa) => _keys.Add(rsa);
}
