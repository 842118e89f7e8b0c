using Campaigns.Core.Accounts;
using Campaigns.Core.Common;
using Campaigns.Web.Accounts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Campaigns.Web.Components.Pages.Settings;

public partial class ApiKeysSettings
{
    private readonly Dictionary<string, string> _errors = [];
    private readonly HashSet<string> _scopes = [];
    private IReadOnlyList<ApiKey> _keys = [];
    private IReadOnlyList<string> _allowed = [];
    private string _name = "";
    private string? _created;
    private long? _confirmRevoke;
    private User? _user;

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    [Inject]
    private ApiKeyService Keys { get; set; } = default!;

    [Inject]
    private AccountService Accounts { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var principal = (await Authentication).User;
        _user = principal.UserId() is { } id ? await Accounts.GetUserAsync(id) : null;
        _allowed = _user is null ? [] : ApiScopes.AllowedFor(_user.Role);
        _keys = await Keys.ListAsync();
    }

    private void Toggle(string scope, bool on)
    {
        if (on)
        {
            _scopes.Add(scope);
        }
        else
        {
            _scopes.Remove(scope);
        }
    }

    private async Task CreateAsync()
    {
        _errors.Clear();
        if (_user is null)
        {
            return;
        }

        try
        {
            var created = await Keys.CreateAsync(_name, _scopes, _user);
            _created = created.Token;
            _name = "";
            _scopes.Clear();
            _keys = await Keys.ListAsync();
        }
        catch (ValidationException e)
        {
            _errors[e.Field ?? "name"] = e.Message;
        }
    }

    private async Task RevokeAsync(long id)
    {
        await Keys.RevokeAsync(id);
        _confirmRevoke = null;
        _keys = await Keys.ListAsync();
    }
}
