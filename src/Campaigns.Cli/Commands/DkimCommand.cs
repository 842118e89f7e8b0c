using System.CommandLine;
using Campaigns.Cli.Infrastructure;
using Campaigns.Data.Sending;
using Campaigns.Mail.Dkim;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Cli.Commands;

internal static class DkimCommand
{
    public static Command Build(CommandContext context)
    {
        var dkim = new Command("dkim", "DKIM keys of sending domains: generated here, the private key never shown.");
        var domain = new Argument<string>("domain") { Description = "The From domain, e.g. news.example.com." };
        var selector = new Option<string>("--selector") { Description = "The selector (default: cmp + year and month).", DefaultValueFactory = _ => $"cmp{DateTime.UtcNow:yyyyMM}" };
        var algorithm = new Option<string>("--algorithm") { Description = "rsa (RSA-2048, every receiver) or ed25519 (RFC 8463, beside an RSA key).", DefaultValueFactory = _ => "rsa" };
        algorithm.AcceptOnlyFromAmong("rsa", "ed25519");
        var generate = new Command("generate", "Generate a key and print the DNS record to publish.") { domain, selector, algorithm };
        context.SetAction(generate, async (parse, services, ct) =>
        {
            var alg = parse.GetValue(algorithm) == "ed25519" ? DkimAlgorithm.Ed25519 : DkimAlgorithm.Rsa2048;
            var key = DkimKeyGenerator.Generate(parse.GetValue(domain)!, parse.GetValue(selector)!, alg);
            await services.GetRequiredService<DkimKeyStore>().AddAsync(key.Domain, key.Selector, alg == DkimAlgorithm.Ed25519 ? "ed25519" : "rsa2048",
                key.PrivateKeyPem, key.PublicKeyBase64, ct);
            await context.Out.WriteLineAsync($"publish this TXT record, then mail from {key.Domain} is signed:");
            await context.Out.WriteLineAsync($"{key.DnsName}. IN TXT \"{key.DnsValue}\"");
            return 0;
        });
        var ls = new Command("ls", "Show the keys and their DNS records (never the private keys).");
        context.SetAction(ls, async (_, services, ct) =>
        {
            foreach (var k in await services.GetRequiredService<DkimKeyStore>().ListWithPrivateKeysAsync(ct))
            {
                var kind = k.Algorithm == "ed25519" ? "ed25519" : "rsa";
                await context.Out.WriteLineAsync($"{k.Id,4}  {k.Selector}._domainkey.{k.Domain}  {k.Algorithm}  v=DKIM1; k={kind}; p={k.PublicKeyBase64}");
            }

            return 0;
        });
        dkim.Subcommands.Add(generate);
        dkim.Subcommands.Add(ls);
        return dkim;
    }
}
