namespace Campaigns.Core.Common;

/// <summary>Input that breaks a rule; the message is meant for the person who typed it, <see cref="Field"/> says next to which field.</summary>
public sealed class ValidationException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}
