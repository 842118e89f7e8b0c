using Campaigns.Core.Subscribers;

namespace Campaigns.Core.Import;

public sealed record MembershipRow(string Key, MembershipStatus Status);
