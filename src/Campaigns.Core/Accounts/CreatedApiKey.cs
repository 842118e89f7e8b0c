namespace Campaigns.Core.Accounts;

/// <summary>A new key and its full token, which exists only here: it is stored hashed.</summary>
public sealed record CreatedApiKey(ApiKey Key, string Token);
