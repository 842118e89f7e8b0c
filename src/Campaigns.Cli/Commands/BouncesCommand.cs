using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Campaigns.Cli.Infrastructure;
using Campaigns.Mail.Bounces;

namespace Campaigns.Cli.Commands;

/// <summary>
/// `campaigns bounces parse FILE...`: one JSON object per line for each recipient found in each returned message. It
/// reads files only, so it runs without the database (no services, no migrations), and a bad file is a line, not a failure.
/// </summary>
internal static class BouncesCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // a terminal or a log, not HTML: keep "Unzustellbar" readable
    };

    public static Command Build(CommandContext context)
    {
        var bounces = new Command("bounces", "Returned mail: bounces, delivery status notifications, complaints and auto-replies.");

        var files = new Argument<string[]>("file") { Description = "Raw messages (.eml, LF or CRLF line ends).", Arity = ArgumentArity.OneOrMore };
        var parse = new Command("parse", "Print one JSON line per recipient of each message: kind hard|soft|complaint|autoreply|delivered|unknown|notbounce.") { files };
        parse.SetAction(async (result, cancellationToken) =>
        {
            foreach (var file in result.GetValue(files) ?? [])
            {
                cancellationToken.ThrowIfCancellationRequested();
                var report = await Task.Run(() => BounceParser.ParseFile(file), cancellationToken);
                foreach (var line in Lines(file, report))
                {
                    await context.Out.WriteLineAsync(JsonSerializer.Serialize(line, Json));
                }
            }

            return 0;
        });

        bounces.Subcommands.Add(parse);
        return bounces;
    }

    internal static IEnumerable<BounceLine> Lines(string file, BounceReport report)
    {
        if (report.Recipients.Count == 0)
        {
            var kind = report.Kind == BounceKind.NotBounce ? "notbounce" : Name(report.Kind);
            yield return new BounceLine(file, null, null, null, null, kind, report.Error ?? (report.Kind == BounceKind.NotBounce ? "not a bounce, complaint or auto-reply" : "no recipient found"), null);
            yield break;
        }

        foreach (var r in report.Recipients)
        {
            var reason = r.Diagnostic is null ? r.Reason : $"{r.Reason}: {r.Diagnostic}";
            yield return new BounceLine(file, r.Address, r.Status, r.ReplyCode?.ToString(CultureInfo.InvariantCulture), r.Action, Name(r.Kind), reason, r.FeedbackType);
        }
    }

    private static string Name(BounceKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>The printed shape; property names are part of the command's contract.</summary>
    internal sealed record BounceLine(string File, string? Recipient, string? Status, string? ReplyCode, string? Action, string Kind, string? Reason, string? FeedbackType);
}
