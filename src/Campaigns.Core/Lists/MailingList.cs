namespace Campaigns.Core.Lists;

public sealed record MailingList(
    long Id,
    string Name,
    string Description,
    ListVisibility Visibility,
    OptInKind OptIn,
    IReadOnlyList<string> Tags,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
