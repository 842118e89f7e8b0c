using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using Campaigns.Mail.Templates;

namespace Campaigns.Mail.Tests;

public sealed class TemplateEngineTests
{
    private readonly TemplateEngine _engine = new();

    [Fact]
    public async Task Reports_syntax_errors_with_line_and_column_when_saved()
    {
        var errors = await _engine.ValidateAsync("<p>Hello</p>\n<p>{% if subscriber.name %}Hi", TemplateKind.Body);
        var error = Assert.Single(errors);
        Assert.Equal(2, error.Line);
        Assert.True(error.Column > 0);
        Assert.Contains("endif", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("line 2, column", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_unknown_filters_runaway_loops_and_huge_output_when_saved()
    {
        Assert.Contains("no_such_filter", (await _engine.ValidateAsync("{{ subscriber.name | no_such_filter }}", TemplateKind.Body)).Single().Message, StringComparison.Ordinal);
        Assert.Contains("range", (await _engine.ValidateAsync("{% for i in (1..100000000) %}x{% endfor %}", TemplateKind.Body)).Single().Message, StringComparison.Ordinal);
        Assert.Contains("range", (await _engine.ValidateAsync("{% for i in (1..subscriber.attributes.n) %}x{% endfor %}", TemplateKind.Body)).Single().Message, StringComparison.Ordinal);
        Assert.Contains("steps", (await _engine.ValidateAsync("{% for i in (1..999) %}{% for j in (1..999) %}x{% endfor %}{% endfor %}", TemplateKind.Body)).Single().Message, StringComparison.Ordinal);
        Assert.Throws<TemplateException>(() => _engine.Parse("{% for i in (0..5000) %}{% endfor %}"));
        Assert.Contains("MB", (await _engine.ValidateAsync("{% for i in (1..999) %}{% for j in (1..100) %}" + new string('x', 200) + "{% endfor %}{% endfor %}", TemplateKind.Body)).Single().Message, StringComparison.Ordinal);
        Assert.Contains("{{ content }}", (await _engine.ValidateAsync("<html>no body slot</html>", TemplateKind.Layout)).Single().Message, StringComparison.Ordinal);
        Assert.Empty(await _engine.ValidateAsync("<html>{{ content }}</html>", TemplateKind.Layout));
    }

    [Fact]
    public async Task Renders_subscriber_data_html_encoded_with_fallbacks()
    {
        var template = _engine.Parse("Hi {{ subscriber.first_name }} from {{ subscriber.attributes.city | default: 'somewhere' }}, {{ subscriber.attributes.visits | plus: 1 }} {{ unsubscribe_url }}");
        var model = MessageModel.Sample with { Name = "<script>alert(1)</script> Lee", Attributes = new JsonObject { ["visits"] = 41 } };

        var html = await _engine.RenderAsync(template, model, HtmlEncoder.Default);

        Assert.Equal("Hi &lt;script&gt;alert(1)&lt;/script&gt; from somewhere, 42 https://example.com/unsubscribe", html);
        Assert.Same(template, _engine.Parse("Hi {{ subscriber.first_name }} from {{ subscriber.attributes.city | default: 'somewhere' }}, {{ subscriber.attributes.visits | plus: 1 }} {{ unsubscribe_url }}"));
    }

    [Fact]
    public async Task Prepares_a_newsletter_with_inlined_css_and_a_plain_text_part()
    {
        const string layout = """
            <html><head><title>{{ campaign.subject }}</title>
            <style>p { color: #333; margin: 0 } .lead { font-size: 18px } #intro.lead { color: red }</style></head>
            <body><table>{% for i in (1..2) %}<tr><td class="cell">Row {{ i }}</td></tr>{% endfor %}</table>{{ content }}
            <p><a href="{{ unsubscribe_url }}">Unsubscribe</a></p></body></html>
            """;
        const string body = """<p id="intro" class="lead" style="font-weight: bold">Hello {{ subscriber.name }}</p><ul><li>One</li><li>Two</li></ul>""";
        var newsletter = await PreparedNewsletter.PrepareAsync(_engine, "News for {{ subscriber.first_name }}\r\nBcc: x@example.com", layout, body);

        var message = await newsletter.RenderAsync(MessageModel.Sample with { Name = "Ann & Bob" });

        Assert.Equal("News for Ann Bcc: x@example.com", message.Subject);
        Assert.Contains("Hello Ann &amp; Bob", message.Html, StringComparison.Ordinal);
        Assert.Matches("<p id=\"intro\" class=\"lead\" style=\"color: #ff0000;[^\"]*font-size: 18px; font-weight: bold\"", message.Html);
        Assert.Contains("<tr><td class=\"cell\">Row 1</td></tr>", message.Html, StringComparison.Ordinal);
        Assert.Contains("<tr><td class=\"cell\">Row 2</td></tr>", message.Html, StringComparison.Ordinal);
        Assert.Contains("style=\"color: #333333; margin-top: 0;", message.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.com/unsubscribe\"", message.Html, StringComparison.Ordinal);

        Assert.Contains("Hello Ann & Bob", message.Text, StringComparison.Ordinal);
        Assert.Contains("Row 1", message.Text, StringComparison.Ordinal);
        Assert.Contains("- One\n- Two", message.Text, StringComparison.Ordinal);
        Assert.Contains("Unsubscribe (https://example.com/unsubscribe)", message.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("color", message.Text, StringComparison.Ordinal);
    }
}
