using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Fluid;

namespace Campaigns.Mail.Templates;

/// <summary>
/// Liquid (Fluid) for newsletters: parses each template text once (cached by content), checks templates when
/// they are saved (syntax with line and column, unknown filters, runaway loops and output), and renders them
/// per recipient within limits.
/// </summary>
public sealed partial class TemplateEngine
{
    public const int MaxSteps = 250_000;
    public const int MaxOutputChars = 4 * 1024 * 1024;

    /// <summary>Fluid builds a range's whole array before the step limit can stop a loop: ranges are kept small and literal.</summary>
    public const int MaxRange = 1000;

    private static readonly FluidParser Parser = new();

    // Built once and shared (Fluid's options are read-only while rendering): constructing them registers every built-in
    // filter, which cost a third of a recipient's render time.
    private static readonly TemplateOptions Lenient = NewOptions(strict: false);
    private static readonly TemplateOptions Strict = NewOptions(strict: true);
    private readonly ConcurrentDictionary<string, IFluidTemplate> _cache = new(StringComparer.Ordinal);

    /// <summary>Everything wrong with a template, for the editor to show next to it; empty when it is fine.</summary>
    public async Task<IReadOnlyList<TemplateError>> ValidateAsync(string source, TemplateKind kind)
    {
        if (!Parser.TryParse(source, out var template, out var error))
        {
            return [ParseError(error)];
        }

        if (RangeError(source) is { } rangeError)
        {
            return [rangeError];
        }

        var errors = new List<TemplateError>();
        if (kind == TemplateKind.Layout && !ContentTag().IsMatch(source))
        {
            errors.Add(new TemplateError(0, 0, "a layout needs {{ content }} where the campaign's body goes"));
        }

        try
        {
            await RenderAsync(template, TemplateValues.Of(MessageModel.Sample), HtmlEncoder.Default, strict: true, content: "<p>Body</p>");
        }
        catch (TemplateException e)
        {
            errors.Add(e.Error);
        }

        return errors;
    }

    /// <summary>The parsed template, from the cache when the same text was parsed before.</summary>
    public IFluidTemplate Parse(string source) =>
        _cache.GetOrAdd(Hash(source), _ =>
        {
            if (!Parser.TryParse(source, out var template, out var error))
            {
                throw new TemplateException(ParseError(error));
            }

            return RangeError(source) is { } rangeError ? throw new TemplateException(rangeError) : template;
        });

    /// <summary>Renders for one recipient; <paramref name="encoder"/> is HTML for HTML parts, null for text and headers.</summary>
    public ValueTask<string> RenderAsync(IFluidTemplate template, MessageModel model, TextEncoder? encoder, string? content = null) =>
        RenderAsync(template, TemplateValues.Of(model), encoder, strict: false, content);

    /// <summary>
    /// Renders for one recipient into <paramref name="output"/> (no string of the whole part): the sending path, where the
    /// recipient's <paramref name="values"/> are built once for every part of the message.
    /// </summary>
    public static Task RenderToAsync(IFluidTemplate template, TemplateValues values, TextEncoder? encoder, PooledCharWriter output) =>
        RunAsync(template, encoder, values.NewContext(Lenient, content: null), output);

    /// <summary>Puts a body into a layout at its <c>{{ content }}</c>, as one template text.</summary>
    public static string Combine(string layout, string body) => ContentTag().Replace(layout, body.Replace("$", "$$", StringComparison.Ordinal), 1);

    private static async ValueTask<string> RenderAsync(IFluidTemplate template, TemplateValues values, TextEncoder? encoder, bool strict, string? content)
    {
        using var writer = new PooledCharWriter(MaxOutputChars);
        await RunAsync(template, encoder, values.NewContext(strict ? Strict : Lenient, content), writer);
        return writer.ToString();
    }

    private static async Task RunAsync(IFluidTemplate template, TextEncoder? encoder, TemplateContext context, PooledCharWriter writer)
    {
        try
        {
            await template.RenderAsync(writer, encoder ?? NullEncoder.Default, context);
        }
        catch (TemplateException)
        {
            throw;
        }
        catch (InvalidOperationException e) when (e.Message.Contains("recursion", StringComparison.OrdinalIgnoreCase))
        {
            throw new TemplateException(new TemplateError(0, 0, $"the template runs more than {MaxSteps:N0} steps (a loop that never ends?)"));
        }
        catch (Exception e) when (e is FluidException or ParseException or InvalidOperationException or ArgumentException or FormatException or OverflowException or DivideByZeroException)
        {
            throw new TemplateException(new TemplateError(0, 0, e.Message));
        }
    }

    private static TemplateOptions NewOptions(bool strict) =>
        new() { MaxSteps = MaxSteps, MaxRecursion = 20, StrictFilters = strict, CultureInfo = CultureInfo.InvariantCulture };

    private static TemplateError ParseError(string error)
    {
        var position = PositionPattern().Match(error);
        var message = error.Split('\n')[0].Trim();
        message = PositionPattern().Replace(message, "").Trim();
        return position.Success
            ? new TemplateError(int.Parse(position.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(position.Groups[2].Value, CultureInfo.InvariantCulture), message)
            : new TemplateError(0, 0, message);
    }

    private static TemplateError? RangeError(string source)
    {
        foreach (Match m in RangePattern().Matches(source))
        {
            var literal = long.TryParse(m.Groups[1].Value, out var from) & long.TryParse(m.Groups[2].Value, out var to);
            if (!literal || Math.Abs(to - from) >= MaxRange)
            {
                var line = source.AsSpan(0, m.Index).Count('\n') + 1;
                var column = m.Index - source.LastIndexOf('\n', Math.Max(0, m.Index - 1));
                return new TemplateError(line, column, $"a range needs two whole numbers at most {MaxRange:N0} apart, like (1..10)");
            }
        }

        return null;
    }

    private static string Hash(string source) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(source)));

    [GeneratedRegex(@"\{\{-?\s*content\s*-?\}\}")]
    private static partial Regex ContentTag();

    [GeneratedRegex(@"\(\s*([^()]*?)\s*\.\.\s*([^()]*?)\s*\)")]
    private static partial Regex RangePattern();

    [GeneratedRegex(@"\s*at \((\d+):(\d+)\)")]
    private static partial Regex PositionPattern();
}
