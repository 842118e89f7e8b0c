using System.Security.Claims;
using Campaigns.Core.Common;
using Campaigns.Core.Sending;
using Campaigns.Sending.Composition;
using Campaigns.Sending.Transport;
using Campaigns.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Campaigns.Web.Components.Pages.Templates;

public partial class TemplateEditor
{
    private const string Starter = """
        <!doctype html>
        <html>
        <head>
          <style>
            body { margin: 0; background: #f4f5f7; font-family: Helvetica, Arial, sans-serif; }
            .wrap { max-width: 600px; margin: 0 auto; background: #ffffff; padding: 24px; }
            .footer { color: #888888; font-size: 12px; padding: 16px 24px; max-width: 600px; margin: 0 auto; }
          </style>
        </head>
        <body>
          <div class="wrap">
            {{ content }}
          </div>
          <div class="footer">
            <a href="{{ unsubscribe_url }}">Unsubscribe</a> · <a href="{{ preferences_url }}">Preferences</a> · <a href="{{ view_url }}">View in browser</a>
          </div>
        </body>
        </html>
        """;

    private readonly Dictionary<string, string> _errors = [];
    private readonly TypingPause _previewPause = new(TimeSpan.FromMilliseconds(300));
    private IReadOnlyList<string> _previewErrors = [];
    private string _name = "";
    private string _body = Starter;
    private string _previewHtml = "";
    private string _previewText = "";
    private string _testFrom = "";
    private string _testTo = "";
    private string? _testResult;
    private bool _testOk;
    private bool _sending;

    [Parameter]
    public long? Id { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    [Inject]
    private ITemplateStore Templates { get; set; } = default!;

    [Inject]
    private CampaignEditor Editor { get; set; } = default!;

    [Inject]
    private TemplatePreviewer Previewer { get; set; } = default!;

    [Inject]
    private TemplateTester Tester { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        if (Id is { } id && await Templates.GetAsync(id) is { } template)
        {
            _name = template.Name;
            _body = template.Body;
        }

        var user = (await Authentication).User;
        _testFrom = _testTo = user.FindFirstValue(ClaimTypes.Email) ?? "";
        await RenderPreviewAsync();
    }

    private async Task OnBodyChangedAsync(string value)
    {
        _body = value;
        if (await _previewPause.WaitAsync())
        {
            await RenderPreviewAsync();
        }
    }

    private async Task RenderPreviewAsync()
    {
        var result = await Previewer.LayoutAsync(_body);
        _previewErrors = result.Errors;
        if (result.Message is { } message)
        {
            _previewHtml = message.Html;
            _previewText = message.Text;
        }
    }

    private async Task SaveAsync()
    {
        _errors.Clear();
        if (string.IsNullOrWhiteSpace(_name))
        {
            _errors["name"] = "Give the template a name.";
            return;
        }

        try
        {
            var saved = await Editor.SaveLayoutAsync(Id, _name.Trim(), _body);
            Snackbar.Add($"Template '{saved.Name}' saved.", Severity.Success);
            if (Id is null)
            {
                Navigation.NavigateTo($"/templates/{saved.Id}");
            }
        }
        catch (ValidationException e)
        {
            _errors[e.Field ?? (e.Message.Contains("name", StringComparison.OrdinalIgnoreCase) ? "name" : "body")] = e.Message;
        }
    }

    private async Task SendTestAsync()
    {
        _errors.Remove("from");
        _errors.Remove("to");
        _sending = true;
        try
        {
            var result = await Tester.SendAsync(_body, string.IsNullOrWhiteSpace(_name) ? "Untitled template" : _name, _testFrom, _testTo);
            _testOk = result.Outcome == DeliveryOutcome.Sent;
            _testResult = _testOk ? $"Sent to {_testTo}." : $"Not sent: {result.Reply}";
        }
        catch (ValidationException e)
        {
            _errors[e.Field ?? "to"] = e.Message;
            _testResult = null;
        }
        finally
        {
            _sending = false;
        }
    }
}
