namespace Campaigns.Mail.Templates;

/// <param name="Line">1-based; 0 when the error has no position (it happened while rendering).</param>
public sealed record TemplateError(int Line, int Column, string Message)
{
    public override string ToString() => Line > 0 ? $"line {Line}, column {Column}: {Message}" : Message;
}
