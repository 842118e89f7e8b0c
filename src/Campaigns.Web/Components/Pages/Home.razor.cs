using Campaigns.Core.Lists;
using Campaigns.Core.Sending;
using Campaigns.Core.Subscribers;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Campaigns.Web.Components.Pages;

public partial class Home
{
    private IReadOnlyList<ListSummary> _lists = [];
    private IReadOnlyList<Campaign> _campaigns = [];
    private IReadOnlyList<(string Name, HealthReportEntry Entry)> _health = [];
    private long _subscribers;
    private bool _loaded;

    [Inject]
    private IListStore Lists { get; set; } = default!;

    [Inject]
    private ISubscriberStore Subscribers { get; set; } = default!;

    [Inject]
    private ICampaignStore Campaigns { get; set; } = default!;

    [Inject]
    private HealthCheckService Health { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _lists = await Lists.ListAsync();
        _subscribers = await Subscribers.CountAsync();
        _campaigns = await Campaigns.ListAsync(limit: 100);
        var report = await Health.CheckHealthAsync();
        _health = [.. report.Entries.Select(e => (e.Key, e.Value))];
        _loaded = true;
    }
}
