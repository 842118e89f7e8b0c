using System.ComponentModel.DataAnnotations;
using Campaigns.Core.Accounts;
using Campaigns.Web.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components;

namespace Campaigns.Web.Components.Account;

public partial class Login
{
    private string? _error;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm]
    private LoginInput Input { get; set; } = default!;

    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    [Inject]
    private AccountService Accounts { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ILogger<Login> Logger { get; set; } = default!;

    protected override void OnInitialized() => Input ??= new();

    private async Task SignInAsync()
    {
        var result = await Accounts.SignInAsync(Input.Email, Input.Password, HttpContext.RequestAborted);
        if (result.IsLockedOut)
        {
            Logger.LogWarning("Sign-in refused: account locked until {Until}", result.LockedUntil);
            _error = $"Too many failed attempts: this account is locked until {result.LockedUntil:HH:mm} UTC.";
            return;
        }

        if (!result.Succeeded)
        {
            _error = "The email or password is not right.";
            return;
        }

        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            UserClaims.Principal(result.User!, result.SecurityStamp!, CookieAuthenticationDefaults.AuthenticationScheme));
        Logger.LogInformation("User {UserId} signed in", result.User!.Id);
        Navigation.NavigateTo(SafeReturn(ReturnUrl));
    }

    /// <summary>Only a path on this site: an open redirect after sign-in is a phishing tool.</summary>
    internal static string SafeReturn(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";

    private sealed class LoginInput
    {
        [Required(ErrorMessage = "Enter your email address.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        public string Password { get; set; } = "";
    }
}
