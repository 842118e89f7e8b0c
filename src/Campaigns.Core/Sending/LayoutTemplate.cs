namespace Campaigns.Core.Sending;

/// <summary>A layout: the HTML around a campaign's body, which goes where it writes <c>{{ content }}</c>.</summary>
public sealed record LayoutTemplate(long Id, string Name, string Body, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
