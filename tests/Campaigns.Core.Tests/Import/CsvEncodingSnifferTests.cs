using System.Text;
using Campaigns.Core.Import;

namespace Campaigns.Core.Tests.Import;

public sealed class CsvEncodingSnifferTests
{
    [Fact]
    public async Task Finds_invalid_utf8_far_into_a_large_file()
    {
        var bytes = Encoding.UTF8.GetBytes("email,name\n" + string.Concat(Enumerable.Repeat("ann@example.com,Zoë\n", 200_000))).ToList();
        bytes.AddRange([0x4A, 0xE9, 0x0A]); // "Jé" in Windows-1252 near the end (past the first 1 MB chunk)
        var stream = new MemoryStream([.. bytes]);
        var (encoding, bom) = await CsvEncodingSniffer.DetectAsync(stream, CancellationToken.None);
        Assert.Equal(1252, encoding.CodePage);
        Assert.Equal((0, 0L), (bom, stream.Position));
    }

    [Fact]
    public async Task Keeps_utf8_when_a_character_straddles_chunks()
    {
        var text = new string('a', (1 << 20) - 1) + "é\n";
        var (encoding, _) = await CsvEncodingSniffer.DetectAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), CancellationToken.None);
        Assert.Equal(Encoding.UTF8.CodePage, encoding.CodePage);
    }

    [Fact]
    public async Task Reads_utf16_from_excel_unicode_text()
    {
        var bytes = new byte[] { 0xFF, 0xFE }.Concat(Encoding.Unicode.GetBytes("email\tname\n")).ToArray();
        var (encoding, bom) = await CsvEncodingSniffer.DetectAsync(new MemoryStream(bytes), CancellationToken.None);
        Assert.Equal((Encoding.Unicode.CodePage, 2), (encoding.CodePage, bom));
    }

    [Theory]
    [InlineData(new byte[0], "empty")]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF }, "empty")]
    [InlineData(new byte[] { 0x0A, 0x0D, 0x0A, 0x20 }, "empty")]
    [InlineData(new byte[] { 0x65, 0x00, 0x6D, 0x00 }, "binary")]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0x61, 0xE9, 0x0A }, "not valid UTF-8")]
    public async Task Refuses_what_is_not_text(byte[] bytes, string reason)
    {
        var error = await Assert.ThrowsAsync<ImportFormatException>(() => CsvEncodingSniffer.DetectAsync(new MemoryStream(bytes), CancellationToken.None));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
