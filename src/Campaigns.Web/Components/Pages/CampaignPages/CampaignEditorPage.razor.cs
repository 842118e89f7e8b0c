using System.Security.Claims;
using Campaigns.Core.Common;
using Campaigns.Core.Lists;
using Campaigns.Core.Sending;
using Campaigns.Data.Sending;
using Campaigns.Sending.Composition;
using Campaigns.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Campaigns.Web.Components.Pages.CampaignPages;

public partial class CampaignEditorPage
{
    private readonly Dictionary<string, string> _errors = [];
    private readonly TypingPause _previewPause = new(TimeSpan.FromMilliseconds(300));
    private IReadOnlyList<ListSummary> _lists = [];
    private IReadOnlyList<LayoutTemplate> _templates = [];
    private IReadOnlyCollection<long> _listIds = [];
    private IReadOnlyList<string> _previewErrors = [];
    private string _name = "";
    private string _subject = "";
    private string _fromName = "";
    private string _fromAddress = "";
    private string _replyTo = "";
    private string _body = "<p>Hello {{ subscriber.name | default: \"there\" }},</p>\n<p>…</p>";
    private long? _templateId;
    private bool _trackOpens = true;
    private bool _trackClicks = true;
    private bool _locked;
    private long _audience;
    private string? _error;
    private string _previewSubject = "";
    private string _previewHtml = "";
    private string _previewText = "";

    [Parameter]
    public long? Id { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    [Inject]
    private ICampaignStore Campaigns { get; set; } = default!;

    [Inject]
    private IListStore Lists { get; set; } = default!;

    [Inject]
    private ITemplateStore Templates { get; set; } = default!;

    [Inject]
    private CampaignEditor Editor { get; set; } = default!;

    [Inject]
    private TemplatePreviewer Previewer { get; set; } = default!;

    [Inject]
    private SendLedger Ledger { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _lists = await Lists.ListAsync();
        _templates = await Templates.ListAsync();
        if (Id is { } id)
        {
            var campaign = await Campaigns.GetAsync(id);
            if (campaign is null)
            {
                Navigation.NavigateTo("/not-found");
                return;
            }

            _locked = !campaign.IsEditable;
            (_name, _subject, _fromName, _fromAddress, _replyTo, _body) =
                (campaign.Name, campaign.Subject, campaign.FromName, campaign.FromAddress, campaign.ReplyTo ?? "", campaign.Body);
            (_templateId, _trackOpens, _trackClicks, _listIds) = (campaign.TemplateId, campaign.TrackOpens, campaign.TrackClicks, campaign.ListIds.ToArray());
        }
        else
        {
            var user = (await Authentication).User;
            _fromAddress = user.FindFirstValue(ClaimTypes.Email) ?? "";
            _fromName = user.Identity?.Name ?? "";
            _templateId = _templates.FirstOrDefault()?.Id;
        }

        _audience = await Ledger.CountAudienceAsync(_listIds);
        await PreviewAsync();
    }

    // Every keystroke reaches the page's state at once (so Save never misses the last ones); the preview,
    // which renders the whole message, waits for a pause in typing.
    private async Task ChangedAsync(Action change)
    {
        change();
        if (await _previewPause.WaitAsync())
        {
            await PreviewAsync();
        }
    }

    private async Task ListsChangedAsync(IEnumerable<long>? ids)
    {
        _listIds = ids?.ToArray() ?? [];
        _audience = await Ledger.CountAudienceAsync(_listIds);
    }

    private async Task PreviewAsync()
    {
        var result = await Previewer.CampaignAsync(_subject, _body, _templateId);
        _previewErrors = result.Errors;
        if (result.Message is { } message)
        {
            (_previewSubject, _previewHtml, _previewText) = (message.Subject, message.Html, message.Text);
        }
    }

    private async Task SaveAsync()
    {
        _errors.Clear();
        _error = null;
        var draft = new CampaignDraft(_name, _subject, _fromName, _fromAddress, _body, [.. _listIds],
            string.IsNullOrWhiteSpace(_replyTo) ? null : _replyTo, _templateId, _trackOpens, _trackClicks);
        try
        {
            var saved = Id is { } id ? await Editor.UpdateAsync(id, draft) : await Editor.CreateAsync(draft);
            Snackbar.Add($"Campaign '{saved.Name}' saved.", Severity.Success);
            Navigation.NavigateTo($"/campaigns/{saved.Id}");
        }
        catch (ValidationException e)
        {
            // Core rules say which field in their wording; put the message next to it.
            var field = e.Field ?? FieldOf(e.Message);
            if (field is null)
            {
                _error = e.Message;
            }
            else
            {
                _errors[field] = e.Message;
            }
        }
    }

    private static string? FieldOf(string message) => message switch
    {
        _ when message.Contains("campaign needs a name", StringComparison.OrdinalIgnoreCase) => "name",
        _ when message.StartsWith("The subject", StringComparison.Ordinal) => "subject",
        _ when message.StartsWith("The from address", StringComparison.Ordinal) => "from",
        _ when message.StartsWith("The from name", StringComparison.Ordinal) => "fromname",
        _ when message.StartsWith("The reply-to", StringComparison.Ordinal) => "replyto",
        _ when message.Contains("list", StringComparison.OrdinalIgnoreCase) && message.StartsWith("Choose", StringComparison.Ordinal) => "lists",
        _ when message.StartsWith("The body", StringComparison.Ordinal) || message.Contains("no body", StringComparison.Ordinal) => "body",
        _ => null,
    };

    private string ListName(long id) => _lists.FirstOrDefault(l => l.List.Id == id)?.List.Name ?? $"list {id}";

    private bool Has(string field) => _errors.ContainsKey(field);

    private string? ErrorOf(string field) => _errors.GetValueOrDefault(field);
}
