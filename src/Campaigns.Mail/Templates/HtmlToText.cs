using System.Text;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Campaigns.Mail.Templates;

/// <summary>
/// The plain-text part of a message, made from its HTML: paragraphs and headings on their own lines, links as
/// "text (url)", list items with dashes, images by their alt text; styles, scripts and the head are left out.
/// </summary>
public static class HtmlToText
{
    private static readonly HashSet<string> Blocks =
        ["P", "DIV", "H1", "H2", "H3", "H4", "H5", "H6", "TABLE", "TR", "UL", "OL", "LI", "BLOCKQUOTE", "PRE", "SECTION", "ARTICLE", "HEADER", "FOOTER", "CENTER", "HR"];

    private static readonly HashSet<string> Skipped = ["HEAD", "STYLE", "SCRIPT", "TITLE", "NOSCRIPT", "TEMPLATE"];

    public static async Task<string> ConvertAsync(string html, CancellationToken cancellationToken = default)
    {
        using var context = BrowsingContext.New(Configuration.Default);
        using var document = await context.OpenAsync(r => r.Content(html), cancellationToken);
        var text = new StringBuilder();
        Walk(document.Body ?? (INode)document.DocumentElement, text);
        return Tidy(text.ToString());
    }

    private static void Walk(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText t:
                    text.Append(Collapse(t.Data));
                    break;
                case IComment c when c.Data.StartsWith("lqd", StringComparison.Ordinal):
                    text.Append("<!--").Append(c.Data).Append("-->"); // a protected Liquid tag: keep it for the text template
                    break;
                case IElement e when Skipped.Contains(e.TagName):
                    break;
                case IHtmlBreakRowElement:
                    text.Append('\n');
                    break;
                case IHtmlImageElement img:
                    if (!string.IsNullOrWhiteSpace(img.AlternativeText))
                    {
                        text.Append(img.AlternativeText);
                    }

                    break;
                case IHtmlAnchorElement a:
                    var before = text.Length;
                    Walk(a, text);
                    var label = text.ToString(before, text.Length - before).Trim();
                    var href = a.GetAttribute("href") ?? "";
                    if (href.Length > 0 && !href.StartsWith('#') && label != href)
                    {
                        text.Append(label.Length == 0 ? href : $" ({href})");
                    }

                    break;
                case IElement e:
                    var block = Blocks.Contains(e.TagName);
                    if (block)
                    {
                        text.Append('\n');
                    }

                    if (e.TagName == "LI")
                    {
                        text.Append("- ");
                    }
                    else if (e.TagName == "TD" || e.TagName == "TH")
                    {
                        text.Append(' ');
                    }

                    Walk(e, text);
                    if (e.TagName is "H1" or "H2" or "P" or "TABLE" or "BLOCKQUOTE" or "UL" or "OL")
                    {
                        text.Append("\n\n");
                    }
                    else if (block && e.TagName != "LI")
                    {
                        text.Append('\n');
                    }

                    break;
            }
        }
    }

    private static string Collapse(string s)
    {
        var sb = new StringBuilder(s.Length);
        var space = false;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!space)
                {
                    sb.Append(' ');
                }

                space = true;
            }
            else
            {
                sb.Append(c);
                space = false;
            }
        }

        return sb.ToString();
    }

    // Trims every line and keeps at most one empty line in a row.
    private static string Tidy(string text)
    {
        var lines = text.Split('\n').Select(l => l.Trim());
        var sb = new StringBuilder();
        var blank = 0;
        foreach (var line in lines)
        {
            blank = line.Length == 0 ? blank + 1 : 0;
            if (blank <= 1)
            {
                sb.Append(line).Append('\n');
            }
        }

        return sb.ToString().Trim() + "\n";
    }
}
