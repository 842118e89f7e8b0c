using Campaigns.Core.Common;
using Campaigns.Core.Subscribers;
using Campaigns.Data.Sending;
using Campaigns.Sending.Transport;

namespace Campaigns.Sending.Composition;

/// <summary>
/// Sends a campaign as it stands to a few addresses, outside the ledger: with the subscriber's own data when
/// the address is a subscriber, else with a sample subscriber's. The subject says it is a test.
/// </summary>
public sealed class CampaignTester(CampaignMessageFactory factory, ISubscriberStore subscribers, IMailTransport transport, IClock clock)
{
    public const int MaxAddresses = 10;

    public async Task<IReadOnlyList<(string Address, DeliveryResult Result)>> SendAsync(long campaignId, IReadOnlyList<string> addresses, CancellationToken cancellationToken = default)
    {
        if (addresses.Count is 0 or > MaxAddresses)
        {
            throw new ValidationException($"Send a test to 1 to {MaxAddresses} addresses.");
        }

        var recipients = new List<BatchRecipient>();
        foreach (var address in addresses)
        {
            if (!EmailAddress.TryNormalize(address, out var email, out var error))
            {
                throw new ValidationException($"'{address}' is not a valid address: {error}.");
            }

            var subscriber = await subscribers.GetByEmailAsync(email.Email, cancellationToken);
            recipients.Add(subscriber is null
                ? new BatchRecipient(0, email.Email, email.Key, "Ann Example", """{"first_name":"Ann","city":"Oslo"}""", 0, null)
                : new BatchRecipient(subscriber.Id, subscriber.Email, email.Key, subscriber.Name, subscriber.Attributes.ToJsonString(), 0, null));
        }

        // Prepared afresh, not from the senders' cache: a test is usually of a draft that just changed.
        var prepared = await factory.PrepareAsync(campaignId, cancellationToken);
        var results = new List<(string, DeliveryResult)>();
        foreach (var group in recipients.GroupBy(r => r.Domain))
        {
            await using var session = await transport.OpenSessionAsync(group.Key, cancellationToken);
            foreach (var r in group)
            {
                using var composed = await prepared.ComposeAsync(r, clock.UtcNow, cancellationToken, isTest: true);
                results.Add((r.Email, await session.SendAsync(composed.Message, composed.EnvelopeFrom, r.Email, cancellationToken)));
            }
        }

        return results;
    }
}
