using System.Diagnostics;
using Campaigns.Core.Lists;
using Campaigns.Core.Subscribers;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Campaigns.Web.Components.Pages.Subscribers;

/// <summary>A server-side paged grid over every subscriber; the filters live in the URL so a view can be bookmarked or shared.</summary>
public partial class SubscribersPage
{
    private MudTable<Subscriber>? _table;
    private IReadOnlyList<ListSummary> _lists = [];
    private long _total;
    private TimeSpan? _elapsed;

    [SupplyParameterFromQuery(Name = "q")]
    private string? Search { get; set; }

    [SupplyParameterFromQuery(Name = "list")]
    private long? ListId { get; set; }

    [SupplyParameterFromQuery(Name = "membership")]
    private string? Membership { get; set; }

    [SupplyParameterFromQuery(Name = "status")]
    private string? Status { get; set; }

    [SupplyParameterFromQuery(Name = "attr")]
    private string? Attribute { get; set; }

    [Inject]
    private ISubscriberStore Subscribers { get; set; } = default!;

    [Inject]
    private IListStore Lists { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override async Task OnInitializedAsync() => _lists = await Lists.ListAsync();

    private async Task<TableData<Subscriber>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var (name, value) = SplitAttribute(Attribute);
        var query = new SubscriberQuery(
            Search, ListId, state.Page * state.PageSize, state.PageSize,
            Enum.TryParse<SubscriberStatus>(Status, true, out var status) ? status : null,
            ListId is not null && Enum.TryParse<MembershipStatus>(Membership, true, out var membership) ? membership : null,
            name, value);
        var watch = Stopwatch.StartNew();
        var items = await Subscribers.FindAsync(query, cancellationToken);
        // The first page's count is what a person reads; later pages reuse it unless the filters changed.
        _total = state.Page == 0 || _total == 0 ? await Subscribers.CountAsync(query, cancellationToken) : _total;
        _elapsed = watch.Elapsed;
        return new TableData<Subscriber> { Items = items, TotalItems = (int)Math.Min(_total, int.MaxValue) };
    }

    private Task OnSearchAsync(string? value) => FilterAsync(() => Search = value);

    private Task OnListAsync(long? value) => FilterAsync(() => ListId = value);

    private Task OnMembershipAsync(string? value) => FilterAsync(() => Membership = value);

    private Task OnStatusAsync(string? value) => FilterAsync(() => Status = value);

    private Task OnAttributeAsync(string? value) => FilterAsync(() => Attribute = value);

    private async Task FilterAsync(Action change)
    {
        change();
        _total = 0;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["q"] = string.IsNullOrWhiteSpace(Search) ? null : Search,
            ["list"] = ListId,
            ["membership"] = Membership,
            ["status"] = Status,
            ["attr"] = string.IsNullOrWhiteSpace(Attribute) ? null : Attribute,
        }), replace: true);
        if (_table is not null)
        {
            await _table.ReloadServerData();
        }
    }

    private static (string? Name, string? Value) SplitAttribute(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter) || filter.IndexOf('=', StringComparison.Ordinal) is var at && at <= 0)
        {
            return (null, null);
        }

        return (filter[..at].Trim(), filter[(at + 1)..].Trim());
    }

    // Attributes as a person reads them ("city: Oslo, plan: pro"), not as escaped JSON; long ones are cut.
    private static string Describe(System.Text.Json.Nodes.JsonObject attributes)
    {
        var text = string.Join(", ", attributes.Select(a => $"{a.Key}: {a.Value}"));
        return text.Length <= 90 ? text : text[..89] + "…";
    }
}
