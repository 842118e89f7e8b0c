using Campaigns.Core.Common;
using Campaigns.Core.Sending;
using Campaigns.Sending.Composition;
using Campaigns.Sending.Transport;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Campaigns.Web.Components.Pages.CampaignPages;

/// <summary>A campaign's controls and its live progress, re-read from the ledger every second while the page is open.</summary>
public sealed partial class CampaignPage : IDisposable
{
    private Campaign? _campaign;
    private CampaignProgress? _progress;
    private (long Sent, DateTimeOffset At)? _last;
    private double _rate;
    private DateTime? _date = DateTime.Today.AddDays(1);
    private TimeSpan? _time = new(9, 0, 0);
    private string _timeZone = TimeZoneInfo.Local.Id;
    private string _testAddresses = "";
    private IReadOnlyList<string> _testResults = [];
    private string? _error;
    private string? _scheduleError;
    private string? _testError;
    private Timer? _timer;

    [Parameter]
    public long Id { get; set; }

    [Inject]
    private ICampaignStore Campaigns { get; set; } = default!;

    [Inject]
    private ICampaignControl Control { get; set; } = default!;

    [Inject]
    private CampaignCommands Commands { get; set; } = default!;

    [Inject]
    private CampaignTester Tester { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        await RefreshAsync();
        if (_campaign is null)
        {
            Navigation.NavigateTo("/not-found");
            return;
        }

        if (_campaign.TimeZone is { Length: > 0 } zone && _campaign.Status == CampaignStatus.Scheduled)
        {
            _timeZone = zone;
        }

        _timer ??= new Timer(_ => InvokeAsync(TickAsync), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    private async Task TickAsync()
    {
        await RefreshAsync();
        StateHasChanged();
    }

    private async Task RefreshAsync()
    {
        _campaign = await Campaigns.GetAsync(Id);
        if (_campaign is null)
        {
            return;
        }

        _progress = await Control.GetProgressAsync(Id);
        if (_last is { } last && _progress.At > last.At)
        {
            _rate = Math.Max(0, (_progress.Sent - last.Sent) / (_progress.At - last.At).TotalSeconds);
        }

        _last = (_progress.Sent, _progress.At);
    }

    private async Task RunAsync(Func<long, CancellationToken, Task> command, string done)
    {
        _error = null;
        try
        {
            await command(Id, CancellationToken.None);
            Snackbar.Add($"{done}.", Severity.Success);
        }
        catch (ValidationException e)
        {
            _error = e.Message;
        }

        await RefreshAsync();
    }

    private Task StartAsync() => RunAsync(Commands.StartAsync, "Started");

    private Task PauseAsync() => RunAsync(Commands.PauseAsync, "Paused");

    private Task ResumeAsync() => RunAsync(Commands.ResumeAsync, "Resumed");

    private Task CancelAsync() => RunAsync(Commands.CancelAsync, "Cancelled");

    private async Task ScheduleAsync()
    {
        _scheduleError = null;
        if (_date is null || _time is null)
        {
            _scheduleError = "Choose a date and a time.";
            return;
        }

        try
        {
            await Commands.ScheduleAsync(Id, _date.Value.Date + _time.Value, _timeZone);
            Snackbar.Add("Scheduled.", Severity.Success);
        }
        catch (ValidationException e)
        {
            _scheduleError = e.Message;
        }

        await RefreshAsync();
    }

    private async Task SendTestAsync()
    {
        _testError = null;
        try
        {
            var addresses = _testAddresses.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var results = await Tester.SendAsync(Id, addresses);
            _testResults = [.. results.Select(r => r.Result.Outcome == DeliveryOutcome.Sent ? $"{r.Address}: sent" : $"{r.Address}: not sent ({r.Result.Reply})")];
        }
        catch (ValidationException e)
        {
            _testError = e.Message;
        }
    }

    private Task<IEnumerable<string>> SearchZones(string? text, CancellationToken cancellationToken) =>
        Task.FromResult(TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id)
            .Where(id => string.IsNullOrWhiteSpace(text) || id.Contains(text, StringComparison.OrdinalIgnoreCase)));

    private static TimeZoneInfo Zone(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    public void Dispose() => _timer?.Dispose();
}
