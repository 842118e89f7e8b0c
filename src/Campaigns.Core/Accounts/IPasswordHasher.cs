namespace Campaigns.Core.Accounts;

/// <summary>Hashes passwords (the web host uses ASP.NET Core Identity's PBKDF2 hasher).</summary>
public interface IPasswordHasher
{
    string Hash(string password);

    PasswordCheck Verify(string hash, string password);
}
