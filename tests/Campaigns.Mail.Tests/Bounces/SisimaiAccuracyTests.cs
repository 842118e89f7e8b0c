using System.Globalization;
using System.Text;
using Campaigns.Mail.Bounces;

namespace Campaigns.Mail.Tests.Bounces;

/// <summary>
/// Measures the parser against sisimai's published expectations (Corpus/sisimai/sisimai-expected.tsv): over the copied
/// samples by default, over a full set-of-emails checkout when CAMPAIGNS_SISIMAI_MAILDIR points at its maildir/bsd.
/// The figures go to sisimai-accuracy.txt next to the test assembly.
/// </summary>
public sealed class SisimaiAccuracyTests
{
    [Fact]
    public void Agrees_with_sisimai_on_the_kind_of_most_samples()
    {
        var corpus = Path.Combine(AppContext.BaseDirectory, "Bounces", "Corpus", "sisimai");
        var maildir = Environment.GetEnvironmentVariable("CAMPAIGNS_SISIMAI_MAILDIR") is { Length: > 0 } d ? d : corpus;
        var expected = File.ReadLines(Path.Combine(corpus, "sisimai-expected.tsv"))
            .Select(l => l.Split('\t'))
            .GroupBy(f => f[0])
            .ToDictionary(g => g.Key, g => g.First());

        var total = 0;
        var correct = 0;
        var misses = new StringBuilder();
        foreach (var (file, fields) in expected.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var path = Path.Combine(maildir, file);
            if (!File.Exists(path))
            {
                continue;
            }

            total++;
            var report = BounceParser.ParseFile(path);
            var kind = report.Recipients.Count > 0 ? report.Recipients[0].Kind : report.Kind;
            if (Accepts(fields[3], fields[4], kind))
            {
                correct++;
            }
            else
            {
                misses.AppendLine(CultureInfo.InvariantCulture, $"{file}\tsisimai {fields[3]} (hard={fields[4]})\tgot {kind}: {report.Recipients.FirstOrDefault()?.Reason}");
            }
        }

        var summary = $"{correct} of {total} correct ({100.0 * correct / Math.Max(total, 1):F1}%) in {maildir}";
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "sisimai-accuracy.txt"), summary + Environment.NewLine + misses);
        TestContext.Current.TestOutputHelper?.WriteLine(summary);

        Assert.True(total > 0, "no samples found");
        var required = maildir == corpus ? 1.0 : 0.80;
        Assert.True(correct >= required * total, summary + Environment.NewLine + misses);
    }

    /// <summary>Sisimai's reason mapped to our kinds: its hard-bounce flag decides hard and soft.</summary>
    private static bool Accepts(string reason, string hardBounce, BounceKind kind) => reason switch
    {
        "feedback" => kind == BounceKind.Complaint,
        "vacation" => kind == BounceKind.AutoReply,
        "delivered" => kind == BounceKind.Delivered,
        "onhold" or "undefined" => true,
        _ => kind == (hardBounce == "1" ? BounceKind.Hard : BounceKind.Soft),
    };
}
