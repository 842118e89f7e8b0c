using System.Text.Json.Nodes;

namespace Campaigns.Web.Api;

/// <summary>One subscriber as the API takes it; checked by the same rules as a CSV row.</summary>
public sealed record SubscriberInput(string Email, string? Name = null, JsonObject? Attributes = null);
