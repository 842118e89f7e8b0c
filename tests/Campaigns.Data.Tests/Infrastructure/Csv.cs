using System.Text;

namespace Campaigns.Data.Tests.Infrastructure;

internal static class Csv
{
    public static MemoryStream Utf8(string text) => new(new UTF8Encoding(false).GetBytes(text));

    public static MemoryStream Bytes(byte[] bytes) => new(bytes);
}
