using System.Text;
using System.Text.RegularExpressions;

namespace Campaigns.Mail.Templates;

/// <summary>
/// Lets an HTML tool (the CSS inliner, the text converter) work on a Liquid template without breaking the Liquid:
/// every <c>{{ }}</c> and <c>{% %}</c> becomes a placeholder first and comes back afterwards. Inside a tag the
/// placeholder is a bare word (valid in an attribute); elsewhere it is an HTML comment, which the HTML parser
/// leaves in place even between table rows (text there would be moved out of the table).
/// </summary>
internal sealed partial class LiquidProtector
{
    private readonly List<string> _pieces = [];

    public string Protect(string template)
    {
        var sb = new StringBuilder(template.Length);
        var last = 0;
        foreach (Match m in LiquidPattern().Matches(template))
        {
            sb.Append(template, last, m.Index - last);
            var id = _pieces.Count;
            _pieces.Add(m.Value);
            sb.Append(InsideTag(template, m.Index) ? $"lqd{id}x" : $"<!--lqd{id}x-->");
            last = m.Index + m.Length;
        }

        sb.Append(template, last, template.Length - last);
        return sb.ToString();
    }

    public string Restore(string html) =>
        PlaceholderPattern().Replace(html, m => _pieces[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)]);

    // Inside a tag when the last '<' before the position comes after the last '>'.
    private static bool InsideTag(string s, int index)
    {
        var open = s.LastIndexOf('<', Math.Max(0, index - 1));
        var close = s.LastIndexOf('>', Math.Max(0, index - 1));
        return open > close && open + 1 < s.Length && (char.IsLetter(s[open + 1]) || s[open + 1] == '/');
    }

    [GeneratedRegex(@"\{\{.*?\}\}|\{%.*?%\}", RegexOptions.Singleline)]
    private static partial Regex LiquidPattern();

    // AngleSharp escapes the comment form inside <title> (escaped text); both forms come back.
    [GeneratedRegex(@"(?:<!--|&lt;!--)?lqd(\d+)x(?:-->|--&gt;)?")]
    private static partial Regex PlaceholderPattern();
}
