using System.Text.Json.Nodes;

namespace Campaigns.Core.Subscribers;

/// <summary>A person on one or more lists. <see cref="Email"/> is kept as given; uniqueness is on its normalized form.</summary>
public sealed record Subscriber(
    long Id,
    string Email,
    string Name,
    JsonObject Attributes,
    SubscriberStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
