using Campaigns.Core.Subscribers;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Campaigns.Mail.Dkim;

/// <summary>Makes DKIM key pairs (BouncyCastle, as MimeKit signs with it): RSA-2048 for every receiver, Ed25519 (RFC 8463) beside it.</summary>
public static class DkimKeyGenerator
{
    public static DkimKey Generate(string domain, string selector, DkimAlgorithm algorithm)
    {
        if (!EmailAddress.TryNormalizeDomain(domain, out var asciiDomain, out var error))
        {
            throw new ArgumentException($"'{domain}' is not a domain: {error}", nameof(domain));
        }

        var random = new SecureRandom();
        AsymmetricCipherKeyPair pair;
        string publicKey;
        if (algorithm == DkimAlgorithm.Ed25519)
        {
            var generator = new Ed25519KeyPairGenerator();
            generator.Init(new Ed25519KeyGenerationParameters(random));
            pair = generator.GenerateKeyPair();
            publicKey = Convert.ToBase64String(((Ed25519PublicKeyParameters)pair.Public).GetEncoded()); // RFC 8463: the raw 32 bytes
        }
        else
        {
            var generator = new RsaKeyPairGenerator();
            generator.Init(new KeyGenerationParameters(random, 2048));
            pair = generator.GenerateKeyPair();
            publicKey = Convert.ToBase64String(SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(pair.Public).GetDerEncoded());
        }

        var pkcs8 = PrivateKeyInfoFactory.CreatePrivateKeyInfo(pair.Private).GetDerEncoded();
        var pem = "-----BEGIN PRIVATE KEY-----\n" + Convert.ToBase64String(pkcs8, Base64FormattingOptions.InsertLineBreaks).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n-----END PRIVATE KEY-----\n";
        return new DkimKey(asciiDomain, selector, algorithm, pem, publicKey);
    }

    internal static AsymmetricKeyParameter ReadPrivateKey(string pem)
    {
        var base64 = string.Concat(pem.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal)));
        return PrivateKeyFactory.CreateKey(Convert.FromBase64String(base64));
    }
}
