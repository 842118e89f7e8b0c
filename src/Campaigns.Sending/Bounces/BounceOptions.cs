namespace Campaigns.Sending.Bounces;

/// <summary>Configuration section <c>Campaigns:Bounces</c>.</summary>
public sealed class BounceOptions
{
    public const string Section = "Campaigns:Bounces";

    /// <summary>Soft bounces of one address within <see cref="SoftWindow"/> that suppress it.</summary>
    public int SoftLimit { get; set; } = 3;

    public TimeSpan SoftWindow { get; set; } = TimeSpan.FromDays(30);

    public BounceMailboxOptions Imap { get; set; } = new();
}
