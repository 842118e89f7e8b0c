namespace Campaigns.Core.Accounts;

public enum PasswordCheck
{
    Failed,
    Success,

    /// <summary>Right, but hashed with older parameters: store a new hash.</summary>
    SuccessRehashNeeded,
}
