using Campaigns.Core.Sending;
using Campaigns.Mail.Templates;

namespace Campaigns.Sending.Composition;

/// <summary>
/// Renders what the editor shows: a layout around sample content, or a campaign's subject and body in its layout,
/// for a sample subscriber, through the same preparation as sending (CSS inlined, text part derived).
/// </summary>
public sealed class TemplatePreviewer(TemplateEngine engine, ITemplateStore templates)
{
    public const string SampleContent =
        "<h1>Sample headline</h1><p>Hello {{ subscriber.name | default: \"there\" }}, this is where a campaign's content goes.</p>"
        + "<p><a href=\"https://example.com/article\">Read the article</a></p>";

    public Task<TemplatePreviewResult> LayoutAsync(string layout, CancellationToken cancellationToken = default) =>
        RenderAsync("Sample subject", layout, SampleContent, [("layout", layout, TemplateKind.Layout)], cancellationToken);

    public async Task<TemplatePreviewResult> CampaignAsync(string subject, string body, long? templateId, CancellationToken cancellationToken = default)
    {
        var layout = templateId is { } id ? (await templates.GetAsync(id, cancellationToken))?.Body : null;
        return await RenderAsync(subject, layout ?? "{{ content }}", body,
            [("subject", subject, TemplateKind.Body), ("body", body, TemplateKind.Body)], cancellationToken);
    }

    private async Task<TemplatePreviewResult> RenderAsync(string subject, string layout, string body,
        (string What, string Source, TemplateKind Kind)[] checks, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        foreach (var (what, source, kind) in checks)
        {
            errors.AddRange((await engine.ValidateAsync(source ?? "", kind)).Select(e => $"{what}: {e}"));
        }

        if (errors.Count > 0)
        {
            return new TemplatePreviewResult(null, errors);
        }

        try
        {
            var newsletter = await PreparedNewsletter.PrepareAsync(engine, subject ?? "", layout, body ?? "", cancellationToken: cancellationToken);
            return new TemplatePreviewResult(await newsletter.RenderAsync(MessageModel.Sample with { Subject = subject ?? "" }), []);
        }
        catch (TemplateException e)
        {
            return new TemplatePreviewResult(null, [e.Error.ToString()]);
        }
    }
}
