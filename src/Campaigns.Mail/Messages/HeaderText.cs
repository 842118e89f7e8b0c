using System.Text;

namespace Campaigns.Mail.Messages;

/// <summary>
/// Header values built from subscriber or user data. A CR or LF would end the header and let the data write
/// headers of its own (Bcc:, a second From:); every control character becomes a space instead.
/// </summary>
public static class HeaderText
{
    public static string Clean(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var sb = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            sb.Append(char.IsControl(c) ? ' ' : c);
        }

        return sb.ToString().Trim();
    }
}
