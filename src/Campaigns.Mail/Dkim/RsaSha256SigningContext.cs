using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;

namespace Campaigns.Mail.Dkim;

/// <summary>One DKIM signature's signing context for MimeKit: SHA-256 over what MimeKit feeds it, then RSA PKCS#1 v1.5.</summary>
internal sealed class RsaSha256SigningContext(NativeRsaDkimSigner owner) : ISigner
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public string AlgorithmName => "SHA-256withRSA";

    public void Init(bool forSigning, ICipherParameters parameters)
    {
        if (!forSigning)
        {
            throw new NotSupportedException("This context only signs.");
        }
    }

    public void Update(byte input) => _hash.AppendData([input]);

    public void BlockUpdate(byte[] input, int inOff, int inLen) => _hash.AppendData(input, inOff, inLen);

    public void BlockUpdate(ReadOnlySpan<byte> input) => _hash.AppendData(input);

    public int GetMaxSignatureSize() => 512;

    public byte[] GenerateSignature()
    {
        var digest = _hash.GetHashAndReset();
        _hash.Dispose();
        var rsa = owner.Rent();
        try
        {
            return rsa.SignHash(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        finally
        {
            owner.Return(rsa);
        }
    }

    public bool VerifySignature(byte[] signature) => throw new NotSupportedException("This context only signs.");

    public void Reset() => _hash.GetHashAndReset();
}
