using System.Text;
using System.Text.Unicode;

namespace Campaigns.Core.Import;

/// <summary>
/// Decides how to decode an uploaded file before parsing: a BOM wins; otherwise the whole file is checked for
/// valid UTF-8 (fast, and a stray byte on row 900,000 would otherwise be found too late) and Windows-1252 is
/// used when it is not. Binary files and spreadsheets saved as .xlsx are refused with a clear message.
/// </summary>
public static class CsvEncodingSniffer
{
    private const int ChunkSize = 1 << 20;

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    static CsvEncodingSniffer() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Windows1252 => Encoding.GetEncoding(1252);

    /// <summary>Reads the stream (which must be seekable) to choose an encoding, then rewinds it.</summary>
    /// <returns>The encoding and the number of BOM bytes to skip.</returns>
    public static async Task<(Encoding Encoding, int BomLength)> DetectAsync(Stream stream, CancellationToken cancellationToken)
    {
        var start = stream.Position;
        var buffer = new byte[ChunkSize + 4];
        var head = await ReadAtLeastAsync(stream, buffer.AsMemory(0, ChunkSize), cancellationToken);
        try
        {
            if (head == 0 || buffer.AsSpan(0, head).Trim("\r\n\t \uFEFF"u8).IsEmpty || IsOnlyBom(buffer.AsSpan(0, head)))
            {
                throw new ImportFormatException("The file is empty.");
            }

            var span = buffer.AsSpan(0, head);
            if (span.StartsWith(Utf8Bom))
            {
                await EnsureUtf8Async(stream, buffer, head, 3, bomPresent: true, cancellationToken);
                return (new UTF8Encoding(false, true), 3);
            }

            if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            {
                return (new UnicodeEncoding(false, false, true), 2);
            }

            if (span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            {
                return (new UnicodeEncoding(true, false, true), 2);
            }

            if (span.StartsWith("PK\x03\x04"u8))
            {
                throw new ImportFormatException("This is a spreadsheet or zip file, not CSV. Save it as CSV (comma-separated) and import that.");
            }

            if (span[..Math.Min(span.Length, 8192)].IndexOf((byte)0) >= 0)
            {
                throw new ImportFormatException("This is a binary file, not a CSV text file.");
            }

            return await EnsureUtf8Async(stream, buffer, head, 0, bomPresent: false, cancellationToken)
                ? (new UTF8Encoding(false, true), 0)
                : (Windows1252, 0);
        }
        finally
        {
            stream.Position = start;
        }
    }

    // True when every byte from the current chunk to the end is valid UTF-8.
    private static async Task<bool> EnsureUtf8Async(Stream stream, byte[] buffer, int filled, int offset, bool bomPresent, CancellationToken cancellationToken)
    {
        var carry = 0;
        var length = filled;
        var from = offset;
        while (true)
        {
            var span = buffer.AsSpan(from, length - from);
            var complete = CompleteLength(span);
            if (!Utf8.IsValid(span[..complete]))
            {
                if (bomPresent)
                {
                    throw new ImportFormatException("The file says it is UTF-8 (it starts with a byte order mark) but contains bytes that are not valid UTF-8.");
                }

                return false;
            }

            carry = span.Length - complete;
            span[complete..].CopyTo(buffer);
            var read = await ReadAtLeastAsync(stream, buffer.AsMemory(carry, ChunkSize), cancellationToken);
            if (read == 0)
            {
                if (carry > 0 && bomPresent)
                {
                    throw new ImportFormatException("The file ends in the middle of a UTF-8 character: it may be truncated.");
                }

                return carry == 0;
            }

            length = carry + read;
            from = 0;
        }
    }

    // The length of the prefix that ends on a whole UTF-8 character (a split sequence waits for the next chunk).
    private static int CompleteLength(ReadOnlySpan<byte> s)
    {
        for (var i = 1; i <= Math.Min(3, s.Length); i++)
        {
            var b = s[^i];
            if ((b & 0xC0) == 0x80)
            {
                continue;
            }

            var need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return need > i ? s.Length - i : s.Length;
        }

        return s.Length;
    }

    private static bool IsOnlyBom(ReadOnlySpan<byte> s) =>
        s.SequenceEqual(Utf8Bom) || s.SequenceEqual(new byte[] { 0xFF, 0xFE }) || s.SequenceEqual(new byte[] { 0xFE, 0xFF });

    private static async Task<int> ReadAtLeastAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken) =>
        await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
}
