namespace Campaigns.Mail.Templates;

/// <summary>A template that cannot be parsed or rendered; the message says where and why.</summary>
public sealed class TemplateException(TemplateError error) : Exception(error.ToString())
{
    public TemplateError Error { get; } = error;
}
