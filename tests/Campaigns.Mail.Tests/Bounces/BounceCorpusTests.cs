using System.Text.Json.Nodes;
using Campaigns.Mail.Bounces;

namespace Campaigns.Mail.Tests.Bounces;

/// <summary>Every .eml of the corpus against its .json sidecar (see Corpus/NOTICE.md for the fields).</summary>
public sealed class BounceCorpusTests
{
    private static readonly string Corpus = Path.Combine(AppContext.BaseDirectory, "Bounces", "Corpus");

    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Corpus, "*.eml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(Corpus, file));
        }

        return data;
    }

    [Fact]
    public void The_corpus_has_at_least_forty_samples_each_with_an_expectation()
    {
        var samples = Directory.EnumerateFiles(Corpus, "*.eml", SearchOption.AllDirectories).ToList();
        Assert.True(samples.Count >= 40, $"{samples.Count} samples");
        Assert.All(samples, s => Assert.True(File.Exists(Path.ChangeExtension(s, ".json")), s));
        Assert.True(Directory.EnumerateFiles(Corpus, "*.eml").Count() >= 30, "samples written for this project");
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Parses_the_sample_as_expected(string sample)
    {
        var path = Path.Combine(Corpus, sample);
        var expected = JsonNode.Parse(File.ReadAllText(Path.ChangeExtension(path, ".json")))!.AsObject();
        var report = BounceParser.ParseFile(path);

        if (expected["recipients"] is JsonArray all)
        {
            Assert.Equal(all.Count, report.Recipients.Count);
            for (var i = 0; i < all.Count; i++)
            {
                Check(all[i]!.AsObject(), report.Recipients[i]);
            }
        }
        else if (expected["kind"]!.GetValue<string>() is "notbounce")
        {
            Assert.Equal(BounceKind.NotBounce, report.Kind);
            Assert.Empty(report.Recipients);
        }
        else if (expected["error"]?.GetValue<bool>() == true)
        {
            Assert.Equal(BounceKind.Unknown, report.Kind);
            Assert.NotNull(report.Error);
        }
        else
        {
            Assert.NotEmpty(report.Recipients);
            Check(expected, report.Recipients[0]);
        }

        if (expected["originalMessageId"]?.GetValue<string>() is { } messageId)
        {
            Assert.Equal(messageId, report.OriginalMessageId);
        }

        if (expected["envelope"]?.GetValue<string>() is { } envelope)
        {
            Assert.Contains(envelope, report.EnvelopeAddresses, StringComparer.OrdinalIgnoreCase);
        }
    }

    private static void Check(JsonObject expected, BounceRecipient actual)
    {
        Assert.Equal(expected["kind"]!.GetValue<string>(), actual.Kind.ToString().ToLowerInvariant());
        if (expected["recipient"]?.GetValue<string>() is { } recipient)
        {
            Assert.Equal(recipient, actual.Address, StringComparer.OrdinalIgnoreCase);
        }

        if (expected["status"]?.GetValue<string>() is { } status)
        {
            Assert.Equal(status, actual.Status);
        }

        if (expected["replyCode"]?.GetValue<int>() is { } code)
        {
            Assert.Equal(code, actual.ReplyCode);
        }

        if (expected["action"]?.GetValue<string>() is { } action)
        {
            Assert.Equal(action, actual.Action);
        }

        if (expected["feedbackType"]?.GetValue<string>() is { } feedbackType)
        {
            Assert.Equal(feedbackType, actual.FeedbackType);
        }
    }
}
