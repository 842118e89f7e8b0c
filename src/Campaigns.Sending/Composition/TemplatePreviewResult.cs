using Campaigns.Mail.Templates;

namespace Campaigns.Sending.Composition;

/// <summary>A rendered preview, or the template errors (with line and column) that stopped it.</summary>
public sealed record TemplatePreviewResult(RenderedMessage? Message, IReadOnlyList<string> Errors);
