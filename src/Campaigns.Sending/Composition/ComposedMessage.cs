using MimeKit;

namespace Campaigns.Sending.Composition;

/// <summary>A recipient's signed message and its envelope sender (the VERP return path).</summary>
public sealed record ComposedMessage(MimeMessage Message, string EnvelopeFrom);
