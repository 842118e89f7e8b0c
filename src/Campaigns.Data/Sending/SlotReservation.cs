namespace Campaigns.Data.Sending;

/// <summary>
/// Send slots taken for a domain: the first at <see cref="FirstSlotUs"/>, then one every interval. When the
/// domain is backing off nothing is taken and <see cref="BackoffUntilUs"/> says until when.
/// </summary>
public readonly record struct SlotReservation(long FirstSlotUs, int Count, long BackoffUntilUs, int BackoffLevel)
{
    public bool IsBackingOff => Count == 0;
}
