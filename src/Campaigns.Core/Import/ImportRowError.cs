namespace Campaigns.Core.Import;

/// <param name="Line">The line in the file where the row starts (the header is line 1).</param>
/// <param name="Email">The email cell as read, shortened when long.</param>
public sealed record ImportRowError(long Line, string Email, string Reason);
