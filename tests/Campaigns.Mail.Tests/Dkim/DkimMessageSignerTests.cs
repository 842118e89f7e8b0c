using System.Diagnostics;
using Campaigns.Mail.Dkim;
using Campaigns.Mail.Messages;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace Campaigns.Mail.Tests.Dkim;

public sealed class DkimMessageSignerTests
{
    private static MimeMessage Message() => MessageBuilder.Build(
        new OutgoingMessage("Weekly News", "news@example.com", "Zoë Ünïcode", "zoe@example.org", "Grüße & news",
            "<p>Hello Zoë — <a href=\"https://example.com/x\">read</a></p>", "Hello Zoë — read: https://example.com/x",
            "Weekly <weekly.example.com>", "bounces+c1-s2-abcdefabcdef@bounce.example.com", "https://mail.example.com/u/T"),
        DateTimeOffset.UtcNow);

    [Theory]
    [InlineData(DkimAlgorithm.Rsa2048)]
    [InlineData(DkimAlgorithm.Ed25519)]
    public async Task A_signed_message_verifies_and_an_altered_one_does_not(DkimAlgorithm algorithm)
    {
        var key = DkimKeyGenerator.Generate("Example.COM", "cmp1", algorithm);
        var message = Message();
        new DkimMessageSigner(key).Sign(message);

        var reparsed = RoundTrip(message);
        var verifier = new DkimVerifier(new SingleKeyLocator(key));
        verifier.Enable(DkimSignatureAlgorithm.RsaSha256);
        verifier.Enable(DkimSignatureAlgorithm.Ed25519Sha256);
        var header = reparsed.Headers[reparsed.Headers.IndexOf(HeaderId.DkimSignature)];
        Assert.Contains("d=example.com", header.Value, StringComparison.Ordinal);
        Assert.Contains("list-unsubscribe-post", header.Value.ToLowerInvariant(), StringComparison.Ordinal);
        Assert.True(await verifier.VerifyAsync(reparsed, header, TestContext.Current.CancellationToken));

        reparsed.Subject = "Changed";
        Assert.False(await verifier.VerifyAsync(reparsed, header, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(DkimAlgorithm.Rsa2048)]
    [InlineData(DkimAlgorithm.Ed25519)]
    public async Task An_independent_verifier_accepts_the_signature(DkimAlgorithm algorithm)
    {
        // dkimpy (Debian python3-dkim, installed by the test command) checks what MimeKit wrote, from the DNS record we publish.
        var key = DkimKeyGenerator.Generate("example.com", "cmp1", algorithm);
        var message = Message();
        new DkimMessageSigner(key).Sign(message);
        var file = Path.GetTempFileName();
        try
        {
            await using (var stream = File.Create(file))
            {
                await message.WriteToAsync(FormatOptions.Default, stream, TestContext.Current.CancellationToken);
            }

            const string script = """
                import sys, dkim
                record = sys.argv[2].encode()
                def dns(name, timeout=5):
                    return record if name == b"cmp1._domainkey.example.com." else None
                data = open(sys.argv[1], "rb").read()
                print("pass" if dkim.verify(data, dnsfunc=dns) else "fail")
                """;
            var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add(script);
            psi.ArgumentList.Add(file);
            psi.ArgumentList.Add(key.DnsValue);
            using var process = Process.Start(psi)!;
            var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.True(output.Trim() == "pass", $"dkimpy: {output} {error}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void The_platform_RSA_signature_is_the_one_BouncyCastle_makes()
    {
        // PKCS#1 v1.5 is deterministic: the OpenSSL-backed signer must produce MimeKit's own (BouncyCastle) signature exactly.
        var key = DkimKeyGenerator.Generate("example.com", "cmp1", DkimAlgorithm.Rsa2048);
        var reference = new DkimSigner(DkimKeyGenerator.ReadPrivateKey(key.PrivateKeyPem), key.Domain, key.Selector)
        {
            HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
        };
        string[] headers = ["From", "To", "Subject", "Date", "Message-Id", "Reply-To", "MIME-Version", "Content-Type", "List-Id", "List-Unsubscribe", "List-Unsubscribe-Post"];
        for (var attempt = 0; ; attempt++)
        {
            var message = Message();
            var copy = RoundTrip(message);
            new DkimMessageSigner(key).Sign(message);
            copy.Prepare(EncodingConstraint.SevenBit);
            reference.Sign(copy, headers);
            var (ours, theirs) = (Signature(message), Signature(copy));
            if (ours != theirs && attempt < 3 && Tag(ours, "t") != Tag(theirs, "t"))
            {
                continue; // the two signatures straddled a second (t=); sign again
            }

            Assert.Equal(Tag(theirs, "bh"), Tag(ours, "bh"));
            Assert.Equal(Tag(theirs, "b"), Tag(ours, "b"));
            break;
        }
    }

    [Fact]
    public async Task Signatures_made_at_once_on_many_threads_all_verify()
    {
        var key = DkimKeyGenerator.Generate("example.com", "cmp1", DkimAlgorithm.Rsa2048);
        var signer = new DkimMessageSigner(key);
        var messages = Enumerable.Range(0, 64).Select(_ => Message()).ToList();
        Parallel.ForEach(messages, new ParallelOptions { MaxDegreeOfParallelism = 8 }, signer.Sign);
        var verifier = new DkimVerifier(new SingleKeyLocator(key));
        foreach (var message in messages.Select(RoundTrip))
        {
            var header = message.Headers[message.Headers.IndexOf(HeaderId.DkimSignature)];
            Assert.True(await verifier.VerifyAsync(message, header, TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public void The_private_key_is_never_in_its_text_form()
    {
        var key = DkimKeyGenerator.Generate("example.com", "s1", DkimAlgorithm.Ed25519);
        Assert.DoesNotContain("PRIVATE", key.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("v=DKIM1; k=ed25519; p=", key.DnsValue, StringComparison.Ordinal);
        Assert.Equal("s1._domainkey.example.com", key.DnsName);
        Assert.Throws<ArgumentException>(() => DkimKeyGenerator.Generate("not a domain", "s1", DkimAlgorithm.Rsa2048));
    }

    private static string Signature(MimeMessage message) =>
        string.Concat(message.Headers[HeaderId.DkimSignature]!.Where(c => !char.IsWhiteSpace(c)));

    private static string Tag(string signature, string name) =>
        signature.Split(';').Select(t => t.Split('=', 2)).First(t => t[0] == name)[1];

    private static MimeMessage RoundTrip(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        stream.Position = 0;
        return MimeMessage.Load(stream);
    }

    private sealed class SingleKeyLocator(DkimKey key) : DkimPublicKeyLocatorBase
    {
        public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default)
        {
            Assert.Equal(key.Domain, domain);
            Assert.Equal(key.Selector, selector);
            return key.Algorithm == DkimAlgorithm.Ed25519
                ? new Ed25519PublicKeyParameters(Convert.FromBase64String(key.PublicKeyBase64))
                : PublicKeyFactory.CreateKey(Convert.FromBase64String(key.PublicKeyBase64));
        }

        public override Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            Task.FromResult(LocatePublicKey(methods, domain, selector, cancellationToken));
    }
}
