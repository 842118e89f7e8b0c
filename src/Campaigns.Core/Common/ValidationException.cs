namespace Campaigns.Core.Common;

/// <summary>Input that breaks a rule; the message is meant for the person who typed it.</summary>
public sealed class ValidationException(string message) : Exception(message);
