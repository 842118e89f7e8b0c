namespace Campaigns.Mail.Bounces;

/// <summary>Everything the parser found in one message.</summary>
/// <param name="Kind">
/// The message's overall kind: the most severe of its recipients' kinds, <see cref="BounceKind.NotBounce"/> for an ordinary
/// message, <see cref="BounceKind.Unknown"/> when it could not be read.
/// </param>
/// <param name="Recipients">One entry per recipient found; empty for a non-bounce.</param>
/// <param name="OriginalMessageId">The Message-ID of the message that bounced, from the returned message or its headers.</param>
/// <param name="EnvelopeAddresses">
/// Where the bounce was delivered (To, Delivered-To, X-Original-To... of the bounce, then the returned message's
/// Return-Path): the candidates for our VERP return path, in that order, without duplicates.
/// </param>
/// <param name="Error">Why the input could not be read fully, when it could not.</param>
public sealed record BounceReport(
    BounceKind Kind,
    BounceFormat Format,
    IReadOnlyList<BounceRecipient> Recipients,
    string? OriginalMessageId,
    IReadOnlyList<string> EnvelopeAddresses,
    string? Subject = null,
    string? Error = null)
{
    public static BounceReport Unreadable(string error) => new(BounceKind.Unknown, BounceFormat.None, [], null, [], null, error);
}
