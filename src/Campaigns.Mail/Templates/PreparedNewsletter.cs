using System.Text.Encodings.Web;
using Fluid;

namespace Campaigns.Mail.Templates;

/// <summary>
/// A campaign's templates made ready once before sending: layout and body combined, CSS inlined and the
/// plain-text version derived on the template itself (Liquid protected), then parsed. Each recipient then
/// costs three renders and no HTML parsing.
/// </summary>
public sealed class PreparedNewsletter
{
    private readonly TemplateEngine _engine;
    private readonly IFluidTemplate _subject;
    private readonly IFluidTemplate _html;
    private readonly IFluidTemplate _text;

    private PreparedNewsletter(TemplateEngine engine, IFluidTemplate subject, IFluidTemplate html, IFluidTemplate text)
    {
        _engine = engine;
        _subject = subject;
        _html = html;
        _text = text;
    }

    public static async Task<PreparedNewsletter> PrepareAsync(
        TemplateEngine engine, string subject, string layout, string body, bool inlineCss = true, CancellationToken cancellationToken = default)
    {
        var source = TemplateEngine.Combine(layout, body);
        var protector = new LiquidProtector();
        var protectedSource = protector.Protect(source);
        var html = inlineCss ? protector.Restore(await CssInliner.InlineAsync(protectedSource, cancellationToken)) : source;
        var text = protector.Restore(await HtmlToText.ConvertAsync(protectedSource, cancellationToken));
        return new PreparedNewsletter(engine, engine.Parse(subject), engine.Parse(html), engine.Parse(text));
    }

    public async ValueTask<RenderedMessage> RenderAsync(MessageModel model)
    {
        var subject = await _engine.RenderAsync(_subject, model, null);
        return new RenderedMessage(OneLine(subject), await _engine.RenderAsync(_html, model, HtmlEncoder.Default), await _engine.RenderAsync(_text, model, null));
    }

    /// <summary>The sending path: the HTML and text parts rendered into pooled buffers; returns the subject.</summary>
    public async ValueTask<string> RenderToAsync(MessageModel model, PooledCharWriter html, PooledCharWriter text)
    {
        var values = TemplateValues.Of(model);
        using var subject = new PooledCharWriter(TemplateEngine.MaxOutputChars);
        await TemplateEngine.RenderToAsync(_subject, values, null, subject);
        await TemplateEngine.RenderToAsync(_html, values, HtmlEncoder.Default, html);
        await TemplateEngine.RenderToAsync(_text, values, null, text);
        return OneLine(subject.ToString());
    }

    // Line breaks in a subject would start a new header: they become spaces.
    private static string OneLine(string subject) => string.Join(' ', subject.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}
