using System.Diagnostics;
using System.Globalization;
using Campaigns.Mail.Dkim;
using Campaigns.Mail.Messages;

// Usage: DkimRate BODY.html [COUNT]. Builds COUNT messages as the sender does, then times only the signing with the
// signer the sender uses (MimeKit's DKIM, RSA-2048 through the platform's RSA): first on one core, then on every core
// at once. Prints "ONE_CORE ALL_CORES" signatures per second.
var html = File.ReadAllText(args[0]);
var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3000;
var signer = new DkimMessageSigner(DkimKeyGenerator.Generate("example.com", "bench", DkimAlgorithm.Rsa2048));
List<MimeKit.MimeMessage> Build() => Enumerable.Range(0, count).Select(i => MessageBuilder.Build(new OutgoingMessage(
    "News", "news@example.com", $"User {i}", $"user{i}@d{i % 20}.example", $"News for User {i}", html.Replace("{{ subscriber.name }}", $"User {i}", StringComparison.Ordinal),
    "text", "Bench <list-1.example.com>", $"bounces+c1-s{i}-000000000000@bounce.example.com", $"http://127.0.0.1/u/{i}"), DateTimeOffset.UtcNow)).ToList();

// Warm-up: enough signatures for the JIT to reach its optimized code before timing.
foreach (var m in Build().Take(500))
{
    signer.Sign(m);
}

var messages = Build();
var watch = Stopwatch.StartNew();
foreach (var m in messages)
{
    signer.Sign(m);
}

var oneCore = count / watch.Elapsed.TotalSeconds;
messages = Build();
watch.Restart();
Parallel.ForEach(messages, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, signer.Sign);
var allCores = count / watch.Elapsed.TotalSeconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{oneCore:F0} {allCores:F0}"));
