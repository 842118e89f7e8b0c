using Campaigns.Core.Import;
using Campaigns.Core.Lists;
using Campaigns.Core.Subscribers;
using Microsoft.AspNetCore.Components;

namespace Campaigns.Web.Components.Pages;

public partial class Home
{
    private IReadOnlyList<ListSummary>? _lists;
    private IReadOnlyList<ImportSummary>? _imports;
    private long _subscribers;

    [Inject]
    private IListStore Lists { get; set; } = default!;

    [Inject]
    private ISubscriberStore Subscribers { get; set; } = default!;

    [Inject]
    private IImportStore Imports { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _lists = await Lists.ListAsync();
        _subscribers = await Subscribers.CountAsync();
        _imports = await Imports.ListAsync(limit: 10);
    }

    private static string Describe(MailingList list) =>
        $"{list.Visibility.ToString().ToLowerInvariant()}, {list.OptIn.ToString().ToLowerInvariant()} opt-in";
}
