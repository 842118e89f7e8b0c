namespace Campaigns.Mail.Templates;

public enum TemplateKind
{
    /// <summary>The frame around every campaign body: holds <c>{{ content }}</c>.</summary>
    Layout,

    /// <summary>A campaign's own body.</summary>
    Body,
}
