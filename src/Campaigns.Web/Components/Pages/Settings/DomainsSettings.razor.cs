using Campaigns.Data.Sending;
using Campaigns.Mail.Dkim;
using Microsoft.AspNetCore.Components;

namespace Campaigns.Web.Components.Pages.Settings;

public partial class DomainsSettings
{
    private IReadOnlyList<DkimKeyInfo> _keys = [];
    private string _domain = "";
    private string _selector = $"cmp{DateTime.UtcNow:yyyyMM}";
    private string _algorithm = "rsa";
    private string? _error;
    private long? _confirmDelete;

    [Inject]
    private DkimKeyStore Store { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadAsync();

    // The listing never reads a private key: it cannot reach the page.
    private async Task LoadAsync() => _keys = await Store.ListAsync();

    private async Task GenerateAsync()
    {
        _error = null;
        var domain = _domain.Trim().TrimEnd('.').ToLowerInvariant();
        if (Uri.CheckHostName(domain) != UriHostNameType.Dns || !domain.Contains('.', StringComparison.Ordinal))
        {
            _error = "Enter a domain name such as news.example.com.";
            return;
        }

        if (string.IsNullOrWhiteSpace(_selector) || !_selector.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            _error = "The selector is letters, digits and hyphens.";
            return;
        }

        var algorithm = _algorithm == "ed25519" ? DkimAlgorithm.Ed25519 : DkimAlgorithm.Rsa2048;
        var key = DkimKeyGenerator.Generate(domain, _selector.Trim(), algorithm);
        await Store.AddAsync(key.Domain, key.Selector, algorithm == DkimAlgorithm.Ed25519 ? "ed25519" : "rsa2048", key.PrivateKeyPem, key.PublicKeyBase64);
        _domain = "";
        await LoadAsync();
    }

    private async Task DeleteAsync(long id)
    {
        await Store.DeleteAsync(id);
        _confirmDelete = null;
        await LoadAsync();
    }
}
