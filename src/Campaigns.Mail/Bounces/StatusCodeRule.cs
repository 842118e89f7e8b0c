namespace Campaigns.Mail.Bounces;

/// <summary>What a permanent (5.x.x) enhanced status code means.</summary>
/// <param name="SubjectDetail">"1.1" for 5.1.1; "7.*" matches every detail of a subject.</param>
/// <param name="Decisive">
/// True when the code alone settles the kind (5.1.1 is an unknown mailbox whatever the text says); false when it is a
/// default that the diagnostic text may refine (5.0.0, 5.7.1...).
/// </param>
/// <param name="Undefined">
/// True for "other or undefined" codes (5.5.0) that servers send with any refusal: then even vague wording ("mailbox
/// unavailable") decides, and the kind is only the default when no wording is recognized.
/// </param>
public sealed record StatusCodeRule(string SubjectDetail, BounceKind Kind, string Reason, bool Decisive, bool Undefined = false);
