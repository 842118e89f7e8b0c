namespace Campaigns.Core.Subscribers;

/// <param name="Email">The address as given, trimmed.</param>
/// <param name="Key">The unique form: domain lower-cased and in punycode, local part as given.</param>
/// <param name="Domain">The ASCII (punycode) domain, lower-cased.</param>
public readonly record struct NormalizedEmail(string Email, string Key, string Domain);
