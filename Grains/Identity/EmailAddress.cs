using System.Net.Mail;

namespace Grains.Identity;

/// <summary>The email rules: what counts as valid, and the one spelling under which it is unique.</summary>
public static class EmailAddress
{
    public const int MaxLength = 254;

    /// <summary>Trimmed and case-folded: "  Ann@Example.COM " and "ann@example.com" are one account.</summary>
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    public static bool IsValid(string email)
    {
        var trimmed = email.Trim();
        return trimmed.Length is > 0 and <= MaxLength
            && !trimmed.Any(char.IsWhiteSpace)
            && MailAddress.TryCreate(trimmed, out var parsed)
            // Rejects display-name forms such as "Ann <ann@example.com>".
            && parsed.Address == trimmed
            && parsed.Host.Contains('.', StringComparison.Ordinal);
    }
}
