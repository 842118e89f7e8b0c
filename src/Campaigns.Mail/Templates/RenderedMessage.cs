namespace Campaigns.Mail.Templates;

public sealed record RenderedMessage(string Subject, string Html, string Text);
