using System.Text;

namespace Campaigns.Mail.Templates;

/// <summary>A StringWriter that stops a render past a size limit, so a runaway template cannot eat the worker's memory.</summary>
internal sealed class LimitedWriter(int maxChars) : StringWriter
{
    public override void Write(char value)
    {
        Check(1);
        base.Write(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        Check(count);
        base.Write(buffer, index, count);
    }

    public override void Write(string? value)
    {
        Check(value?.Length ?? 0);
        base.Write(value);
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        Check(buffer.Length);
        base.Write(buffer);
    }

    private void Check(int more)
    {
        if (GetStringBuilder().Length + more > maxChars)
        {
            throw new TemplateException(new TemplateError(0, 0, $"the template renders more than {maxChars / (1024 * 1024)} MB (a loop that runs too long?)"));
        }
    }

    public override Encoding Encoding => Encoding.UTF8;
}
