using Campaigns.Core.Common;

namespace Campaigns.Core.Accounts;

/// <summary>Length over composition rules (NIST SP 800-63B): at least 12 characters, at most 256, not the email.</summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 12;

    public static void Check(string? password, string email)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinimumLength)
        {
            throw new ValidationException($"The password must be at least {MinimumLength} characters.", "password");
        }

        if (password.Length > 256)
        {
            throw new ValidationException("The password must be at most 256 characters.", "password");
        }

        if (string.Equals(password.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            throw new ValidationException("The password must not be the email address.", "password");
        }
    }
}
