using System.ComponentModel.DataAnnotations;
using ValidationException = Campaigns.Core.Common.ValidationException;
using Campaigns.Core.Accounts;
using Campaigns.Web.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components;

namespace Campaigns.Web.Components.Account;

public partial class Setup
{
    private readonly Dictionary<string, string> _fieldErrors = [];
    private bool _alreadySetUp;
    private string? _error;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm]
    private SetupInput Input { get; set; } = default!;

    [Inject]
    private AccountService Accounts { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        Input ??= new();
        _alreadySetUp = !await Accounts.NeedsFirstAdminAsync(HttpContext.RequestAborted);
    }

    private async Task CreateAsync()
    {
        if (_alreadySetUp)
        {
            return;
        }

        User user;
        try
        {
            user = await Accounts.CreateFirstAdminAsync(Input.Email, Input.Name, Input.Password, HttpContext.RequestAborted);
        }
        catch (ValidationException e) when (e.Field is not null)
        {
            _fieldErrors[e.Field] = e.Message;
            return;
        }
        catch (ValidationException e)
        {
            _error = e.Message;
            return;
        }

        var signIn = await Accounts.SignInAsync(user.Email, Input.Password, HttpContext.RequestAborted);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            UserClaims.Principal(signIn.User!, signIn.SecurityStamp!, CookieAuthenticationDefaults.AuthenticationScheme));
        Navigation.NavigateTo("/");
    }

    private sealed class SetupInput
    {
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Enter your email address.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Choose a password.")]
        public string Password { get; set; } = "";

        [Compare(nameof(Password), ErrorMessage = "The two passwords differ.")]
        public string Confirm { get; set; } = "";
    }
}
