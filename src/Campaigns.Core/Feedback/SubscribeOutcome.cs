namespace Campaigns.Core.Feedback;

public enum SubscribeOutcome
{
    /// <summary>On the list now (a single opt-in list).</summary>
    Joined,

    /// <summary>Waiting for the confirmation link (a double opt-in list): a confirmation mail goes out.</summary>
    ConfirmationNeeded,

    /// <summary>Already on the list: nothing changes and nothing is sent.</summary>
    AlreadySubscribed,

    /// <summary>Blocklisted or suppressed: nothing changes, and the form says nothing different.</summary>
    Refused,
}
