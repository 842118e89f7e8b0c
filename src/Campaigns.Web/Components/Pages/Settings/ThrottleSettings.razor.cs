using Campaigns.Data.Sending;
using Microsoft.AspNetCore.Components;

namespace Campaigns.Web.Components.Pages.Settings;

public partial class ThrottleSettings
{
    private readonly Dictionary<string, string> _errors = [];
    private IReadOnlyList<ThrottleRule> _rules = [];
    private IReadOnlyList<ThrottleBackoff> _backoffs = [];
    private string _domain = "";
    private double _perSecond = 20;
    private int _connections = 5;

    [Inject]
    private ThrottleStore Store { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _rules = await Store.GetRulesAsync();
        _backoffs = await Store.GetBackoffsAsync();
    }

    private void Edit(ThrottleRule rule) => (_domain, _perSecond, _connections) = (rule.Domain, rule.PerSecond, rule.MaxConnections);

    private async Task DeleteAsync(string domain)
    {
        await Store.DeleteRuleAsync(domain);
        await LoadAsync();
    }

    private async Task SaveAsync()
    {
        _errors.Clear();
        var domain = _domain.Trim().TrimEnd('.').ToLowerInvariant();
        if (domain != "*" && (Uri.CheckHostName(domain) != UriHostNameType.Dns || !domain.Contains('.', StringComparison.Ordinal)))
        {
            _errors["domain"] = "Enter a domain such as gmail.com, or * for every other domain.";
        }

        if (_perSecond is <= 0 or > 100_000 || double.IsNaN(_perSecond))
        {
            _errors["rate"] = "Between 0.01 and 100,000 messages per second.";
        }

        if (_connections is < 1 or > 1000)
        {
            _errors["connections"] = "Between 1 and 1,000 connections.";
        }

        if (_errors.Count > 0)
        {
            return;
        }

        await Store.SetRuleAsync(new ThrottleRule(domain, _perSecond, _connections));
        await LoadAsync();
        _domain = "";
    }
}
