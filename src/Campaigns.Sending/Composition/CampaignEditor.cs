using Campaigns.Core.Common;
using Campaigns.Core.Sending;
using Campaigns.Mail.Templates;

namespace Campaigns.Sending.Composition;

/// <summary>
/// Saves layouts and campaigns only when their Liquid is sound: a template error is reported at save time,
/// with its line and column, never at send time to 100,000 people.
/// </summary>
public sealed class CampaignEditor(ICampaignStore campaigns, ITemplateStore templates, TemplateEngine engine)
{
    public async Task<LayoutTemplate> SaveLayoutAsync(long? id, string name, string body, CancellationToken cancellationToken = default)
    {
        await RequireValidAsync("layout", body, TemplateKind.Layout);
        return await templates.SaveAsync(id, name, body, cancellationToken);
    }

    public async Task<Campaign> CreateAsync(CampaignDraft draft, CancellationToken cancellationToken = default)
    {
        await RequireValidAsync(draft, cancellationToken);
        return await campaigns.CreateAsync(draft, cancellationToken);
    }

    public async Task<Campaign> UpdateAsync(long id, CampaignDraft draft, CancellationToken cancellationToken = default)
    {
        await RequireValidAsync(draft, cancellationToken);
        return await campaigns.UpdateAsync(id, draft, cancellationToken);
    }

    private async Task RequireValidAsync(CampaignDraft draft, CancellationToken cancellationToken)
    {
        await RequireValidAsync("subject", draft.Subject ?? "", TemplateKind.Body);
        await RequireValidAsync("body", draft.Body ?? "", TemplateKind.Body);
        if (draft.TemplateId is { } templateId && await templates.GetAsync(templateId, cancellationToken) is null)
        {
            throw new ValidationException($"Template {templateId} does not exist.");
        }
    }

    private async Task RequireValidAsync(string what, string source, TemplateKind kind)
    {
        var errors = await engine.ValidateAsync(source, kind);
        if (errors.Count > 0)
        {
            throw new ValidationException($"The {what} has {(errors.Count == 1 ? "an error" : $"{errors.Count} errors")}: {string.Join("; ", errors)}");
        }
    }
}
