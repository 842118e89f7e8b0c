using Campaigns.Core.Common;
using Campaigns.Core.Subscribers;

namespace Campaigns.Core.Sending;

/// <summary>What a marketer writes: content, sender and audience. Checked by <see cref="Validated"/>.</summary>
public sealed record CampaignDraft(
    string Name,
    string Subject,
    string FromName,
    string FromAddress,
    string Body,
    IReadOnlyList<long> ListIds,
    string? ReplyTo = null,
    long? TemplateId = null,
    bool TrackOpens = true,
    bool TrackClicks = true)
{
    public CampaignDraft Validated()
    {
        var name = (Name ?? "").Trim();
        if (name.Length is 0 or > 200)
        {
            throw new ValidationException("A campaign needs a name of 1 to 200 characters.");
        }

        var subject = (Subject ?? "").Trim();
        if (subject.Length is 0 or > 1000)
        {
            throw new ValidationException("The subject must be 1 to 1,000 characters.");
        }

        if (subject.Any(c => c is '\r' or '\n'))
        {
            throw new ValidationException("The subject must be one line.");
        }

        if (!EmailAddress.TryNormalize(FromAddress ?? "", out var from, out var fromError))
        {
            throw new ValidationException($"The from address is not valid: {fromError}.");
        }

        string? replyTo = null;
        if (!string.IsNullOrWhiteSpace(ReplyTo))
        {
            if (!EmailAddress.TryNormalize(ReplyTo, out var reply, out var replyError))
            {
                throw new ValidationException($"The reply-to address is not valid: {replyError}.");
            }

            replyTo = reply.Email;
        }

        var fromName = (FromName ?? "").Trim();
        if (fromName.Length > 200 || fromName.Any(char.IsControl))
        {
            throw new ValidationException("The from name must be one line of at most 200 characters.");
        }

        if (string.IsNullOrWhiteSpace(Body))
        {
            throw new ValidationException("The campaign has no body.");
        }

        var lists = (ListIds ?? []).Distinct().ToArray();
        if (lists.Length == 0)
        {
            throw new ValidationException("Choose at least one list.");
        }

        return this with { Name = name, Subject = subject, FromName = fromName, FromAddress = from.Email, ReplyTo = replyTo, ListIds = lists };
    }
}
