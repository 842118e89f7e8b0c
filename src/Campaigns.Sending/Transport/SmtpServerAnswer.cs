namespace Campaigns.Sending.Transport;

/// <summary>What a test connection to one server found; the message never holds the password.</summary>
public sealed record SmtpServerAnswer(string Server, bool Ok, string Message);
