using System.Diagnostics;
using System.Globalization;
using Campaigns.Mail.Dkim;
using Campaigns.Mail.Messages;

// Usage: DkimRate BODY.html [COUNT]. Builds COUNT messages as the sender does, then times only the signing.
var html = File.ReadAllText(args[0]);
var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3000;
var signer = new DkimMessageSigner(DkimKeyGenerator.Generate("example.com", "bench", DkimAlgorithm.Rsa2048));
var messages = Enumerable.Range(0, count).Select(i => MessageBuilder.Build(new OutgoingMessage(
    "News", "news@example.com", $"User {i}", $"user{i}@d{i % 20}.example", $"News for User {i}", html.Replace("{{ subscriber.name }}", $"User {i}", StringComparison.Ordinal),
    "text", "Bench <list-1.example.com>", $"bounces+c1-s{i}-000000000000@bounce.example.com", $"http://127.0.0.1/u/{i}"), DateTimeOffset.UtcNow)).ToList();
signer.Sign(messages[0]); // warm-up
var watch = Stopwatch.StartNew();
foreach (var m in messages.Skip(1))
{
    signer.Sign(m);
}

Console.WriteLine(((count - 1) / watch.Elapsed.TotalSeconds).ToString("F0", CultureInfo.InvariantCulture));
