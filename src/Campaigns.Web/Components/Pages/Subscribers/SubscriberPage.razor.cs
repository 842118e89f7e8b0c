using Campaigns.Core.Reports;
using Campaigns.Core.Subscribers;
using Microsoft.AspNetCore.Components;

namespace Campaigns.Web.Components.Pages.Subscribers;

public partial class SubscriberPage
{
    private Subscriber? _subscriber;
    private IReadOnlyList<ListMembership> _memberships = [];
    private IReadOnlyList<HistoryEntry> _history = [];
    private bool _notFound;

    [Parameter]
    public long Id { get; set; }

    [Inject]
    private ISubscriberStore Subscribers { get; set; } = default!;

    [Inject]
    private IReportStore Reports { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _subscriber = await Subscribers.GetAsync(Id);
        _notFound = _subscriber is null;
        if (_subscriber is not null)
        {
            _memberships = await Subscribers.GetMembershipsAsync(Id);
            _history = await Reports.SubscriberHistoryAsync(Id);
        }
    }
}
