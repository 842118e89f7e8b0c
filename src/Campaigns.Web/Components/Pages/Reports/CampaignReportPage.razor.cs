using Campaigns.Web.Reports;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Campaigns.Web.Components.Pages.Reports;

/// <summary>A campaign's report; refreshed every five seconds so a campaign in flight shows its numbers coming in.</summary>
public sealed partial class CampaignReportPage : IDisposable
{
    private CampaignReport? _report;
    private List<ChartSeries<double>> _timeline = [];
    private string[] _timelineLabels = [];
    private List<ChartSeries<double>> _bounceSeries = [];
    private string[] _bounceLabels = [];
    private Timer? _timer;

    [Parameter]
    public long Id { get; set; }

    [Inject]
    private CampaignReportService Reports { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        await LoadAsync();
        if (_report is null)
        {
            Navigation.NavigateTo("/not-found");
            return;
        }

        _timer ??= new Timer(_ => InvokeAsync(async () =>
        {
            await LoadAsync();
            StateHasChanged();
        }), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
    }

    private async Task LoadAsync()
    {
        _report = await Reports.GetAsync(Id);
        if (_report is null)
        {
            return;
        }

        var format = _report.TimelineUnit == "day" ? "MM-dd" : "HH:mm";
        _timelineLabels = [.. _report.Timeline.Select((p, i) => Label(i, _report.Timeline.Count, p.At.ToString(format, System.Globalization.CultureInfo.InvariantCulture)))];
        _timeline =
        [
            new ChartSeries<double> { Name = "Opens", Data = new ChartData<double>([.. _report.Timeline.Select(p => (double)p.Opens)]) },
            new ChartSeries<double> { Name = "Clicks", Data = new ChartData<double>([.. _report.Timeline.Select(p => (double)p.Clicks)]) },
        ];
        var kinds = _report.Bounces.Where(b => b.Value > 0).OrderBy(b => b.Key).ToList();
        _bounceLabels = [.. kinds.Select(k => k.Key)];
        _bounceSeries = kinds.Count == 0 ? [] : [new ChartSeries<double> { Name = "Bounces", Data = new ChartData<double>([.. kinds.Select(k => (double)k.Value)]) }];
    }

    // Every label on a long axis would overlap; about a dozen are kept.
    private static string Label(int index, int count, string text) => count <= 12 || index % (count / 12 + 1) == 0 ? text : "";

    public void Dispose() => _timer?.Dispose();
}
