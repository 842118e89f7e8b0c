using AngleSharp;
using AngleSharp.Css;
using AngleSharp.Css.Dom;
using AngleSharp.Dom;

namespace Campaigns.Mail.Templates;

/// <summary>
/// Copies the rules of a template's &lt;style&gt; blocks into each element's style attribute, as Gmail and
/// Outlook need. Specificity, source order and !important decide as in a browser; an element's own style
/// attribute wins over non-important rules. The style blocks stay for clients that read them (media queries).
/// </summary>
public static partial class CssInliner
{
    private static readonly IConfiguration Configuration = AngleSharp.Configuration.Default.WithCss();

    public static async Task<string> InlineAsync(string html, CancellationToken cancellationToken = default)
    {
        using var context = BrowsingContext.New(Configuration);
        using var document = await context.OpenAsync(r => r.Content(html), cancellationToken);
        var declarations = new Dictionary<IElement, Dictionary<string, Candidate>>();
        var order = 0;
        foreach (var sheet in document.StyleSheets.OfType<ICssStyleSheet>())
        {
            foreach (var rule in sheet.Rules.OfType<ICssStyleRule>())
            {
                IEnumerable<IElement> elements;
                try
                {
                    elements = document.QuerySelectorAll(rule.SelectorText);
                }
                catch (DomException)
                {
                    continue; // pseudo-elements and states (:hover) cannot be inlined
                }

                var specificity = rule.Selector.Specificity;
                foreach (var element in elements)
                {
                    var properties = declarations.TryGetValue(element, out var p) ? p : declarations[element] = new(StringComparer.OrdinalIgnoreCase);
                    foreach (var property in rule.Style)
                    {
                        var candidate = new Candidate(property.Value, property.IsImportant, specificity, order++);
                        if (!properties.TryGetValue(property.Name, out var current) || candidate.Beats(current))
                        {
                            properties[property.Name] = candidate;
                        }
                    }
                }
            }
        }

        foreach (var (element, properties) in declarations)
        {
            var own = element.GetStyle();
            var merged = new List<string>();
            foreach (var (name, candidate) in properties)
            {
                if (!candidate.Important && !string.IsNullOrEmpty(own.GetPropertyValue(name)))
                {
                    continue;
                }

                merged.Add($"{name}: {OpaqueColorsAsHex(candidate.Value)}{(candidate.Important ? " !important" : "")}");
            }

            var existing = element.GetAttribute("style")?.Trim().TrimEnd(';');
            var style = string.Join("; ", merged);
            if (!string.IsNullOrEmpty(existing))
            {
                style = style.Length == 0 ? existing : $"{style}; {existing}";
            }

            if (style.Length > 0)
            {
                element.SetAttribute("style", style);
            }
        }

        return document.ToHtml();
    }

    // AngleSharp writes colors as rgba(); Outlook's Word engine knows only hex and rgb(), so opaque ones go back to hex.
    private static string OpaqueColorsAsHex(string value) => OpaqueRgba().Replace(value, m =>
        "#" + string.Concat(m.Groups.Cast<System.Text.RegularExpressions.Group>().Skip(1).Select(g => byte.Parse(g.Value, System.Globalization.CultureInfo.InvariantCulture).ToString("x2", System.Globalization.CultureInfo.InvariantCulture))));

    [System.Text.RegularExpressions.GeneratedRegex(@"rgba\((\d{1,3}), (\d{1,3}), (\d{1,3}), 1\)")]
    private static partial System.Text.RegularExpressions.Regex OpaqueRgba();

    private readonly record struct Candidate(string Value, bool Important, Priority Specificity, int Order)
    {
        public bool Beats(Candidate other) =>
            Important != other.Important ? Important : Specificity != other.Specificity ? Specificity > other.Specificity : Order > other.Order;
    }
}
