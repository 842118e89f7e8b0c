namespace Campaigns.Sending.Tests.Transport;

/// <summary>Pieces of server transcripts (see <see cref="ScriptedSmtpStream"/> for the notation).</summary>
internal static class SmtpTranscripts
{
    public const string Greeting = """
        S: 220 mx.test ESMTP Postfix
        C: EHLO client.test
        S: 250-mx.test
        S: 250-SIZE 10240000
        S: 250-8BITMIME
        S: 250 ENHANCEDSTATUSCODES
        """;

    public const string GreetingWithAuth = """
        S: 220 mx.test ESMTP Postfix
        C: EHLO client.test
        S: 250-mx.test
        S: 250-AUTH PLAIN
        S: 250 ENHANCEDSTATUSCODES
        """;

    public const string Quit = """
        C: QUIT
        S: 221 2.0.0 Bye
        """;

    public static string Delivery(string to, string queuedAs) => $"""
        C: MAIL FROM:<bounce@sender.test>
        S: 250 2.1.0 Ok
        C: RCPT TO:<{to}>
        S: 250 2.1.5 Ok
        C: DATA
        S: 354 End data with <CR><LF>.<CR><LF>
        C: <message>
        S: 250 2.0.0 Ok: queued as {queuedAs}
        """;

    public static string Script(params string[] parts) => string.Join("\n", parts);
}
