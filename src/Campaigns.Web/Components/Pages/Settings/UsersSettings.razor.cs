using Campaigns.Core.Accounts;
using Campaigns.Core.Common;
using Microsoft.AspNetCore.Components;

namespace Campaigns.Web.Components.Pages.Settings;

public partial class UsersSettings
{
    private readonly Dictionary<string, string> _errors = [];
    private IReadOnlyList<User> _users = [];
    private string _email = "";
    private string _name = "";
    private string _password = "";
    private UserRole _role = UserRole.Editor;
    private long? _resetFor;
    private string _resetPassword = "";
    private string? _message;
    private bool _messageOk;

    [Inject]
    private AccountService Accounts { get; set; } = default!;

    protected override async Task OnInitializedAsync() => _users = await Accounts.ListUsersAsync();

    private async Task CreateAsync()
    {
        _errors.Clear();
        try
        {
            var user = await Accounts.CreateUserAsync(_email, _name, _role, _password);
            Say($"{user.Email} can now sign in as {user.Role.ToString().ToLowerInvariant()}.", ok: true);
            _email = _name = _password = "";
            _users = await Accounts.ListUsersAsync();
        }
        catch (ValidationException e)
        {
            _errors[e.Field ?? "email"] = e.Message;
        }
    }

    private Task ChangeRoleAsync(User user, UserRole role) =>
        RunAsync(() => Accounts.ChangeRoleAsync(user.Id, role), $"{user.Email} is now {role.ToString().ToLowerInvariant()}; their sessions ended.");

    private Task SignOutAsync(User user) => RunAsync(() => Accounts.SignOutEverywhereAsync(user.Id), $"{user.Email} is signed out everywhere.");

    private Task DeleteAsync(User user) => RunAsync(() => Accounts.DeleteUserAsync(user.Id), $"{user.Email} was deleted.");

    private void StartReset(long id) => (_resetFor, _resetPassword) = (id, "");

    private async Task ResetAsync()
    {
        _errors.Remove("reset");
        try
        {
            await Accounts.ChangePasswordAsync(_resetFor!.Value, _resetPassword);
            Say("Password set; the user's sessions ended.", ok: true);
            _resetFor = null;
        }
        catch (ValidationException e)
        {
            _errors["reset"] = e.Message;
        }
    }

    private async Task RunAsync(Func<Task> action, string done)
    {
        try
        {
            await action();
            Say(done, ok: true);
        }
        catch (ValidationException e)
        {
            Say(e.Message, ok: false);
        }

        _users = await Accounts.ListUsersAsync();
    }

    private void Say(string message, bool ok) => (_message, _messageOk) = (message, ok);
}
