using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Campaigns.Mail.Tracking;

/// <summary>
/// Public link tokens: the ids they refer to and a keyed MAC (HMAC-SHA256, 12 bytes) of them, base64url. An
/// altered or made-up token fails the MAC, so nobody can unsubscribe someone else or record a click by guessing.
/// </summary>
public sealed class TrackingTokenCodec(byte[] key)
{
    private const int MacBytes = 12;
    private const int PayloadBytes = 1 + 8 + 8 + 8;

    public string Encode(TrackingToken token)
    {
        Span<byte> buffer = stackalloc byte[PayloadBytes + MacBytes];
        Write(token, buffer[..PayloadBytes]);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, buffer[..PayloadBytes], mac);
        mac[..MacBytes].CopyTo(buffer[PayloadBytes..]);
        return Base64Url(buffer);
    }

    public bool TryDecode(string? text, out TrackingToken token)
    {
        token = default;
        if (string.IsNullOrEmpty(text) || text.Length > 64)
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[48];
        if (!TryFromBase64Url(text, buffer, out var length) || length != PayloadBytes + MacBytes)
        {
            return false;
        }

        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, buffer[..PayloadBytes], mac);
        if (!CryptographicOperations.FixedTimeEquals(mac[..MacBytes], buffer.Slice(PayloadBytes, MacBytes)))
        {
            return false;
        }

        var kind = (TrackingKind)buffer[0];
        if (!Enum.IsDefined(kind))
        {
            return false;
        }

        token = new TrackingToken(kind, BinaryPrimitives.ReadInt64BigEndian(buffer[1..]), BinaryPrimitives.ReadInt64BigEndian(buffer[9..]),
            BinaryPrimitives.ReadInt64BigEndian(buffer[17..]));
        return true;
    }

    private static void Write(TrackingToken token, Span<byte> payload)
    {
        payload[0] = (byte)token.Kind;
        BinaryPrimitives.WriteInt64BigEndian(payload[1..], token.CampaignId);
        BinaryPrimitives.WriteInt64BigEndian(payload[9..], token.SubscriberId);
        BinaryPrimitives.WriteInt64BigEndian(payload[17..], token.LinkId);
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryFromBase64Url(string text, Span<byte> output, out int length)
    {
        length = 0;
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", 0 => "", _ => "!" };
        return Convert.TryFromBase64String(padded, output, out length);
    }
}
