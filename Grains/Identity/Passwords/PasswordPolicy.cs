using System.Collections.Frozen;
using System.Reflection;

namespace Grains.Identity.Passwords;

/// <summary>
/// What a new password must be, at signup, reset and change: 8 to 128 characters and not among the most common
/// passwords. The list (<c>common-passwords.txt</c>, lowercased) holds the entries of 8 to 128 characters of Royce
/// Williams' 20,000 most common passwords, as Django ships them (<c>django/contrib/auth/common-passwords.txt.gz</c>);
/// shorter ones are refused by length already, so every one of the 10,000 most common passwords is refused.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 8;
    public const int MaxLength = 128;

    private static readonly Lazy<FrozenSet<string>> Common = new(LoadCommon);

    /// <summary>Why <paramref name="password"/> may not become a password, or null when it may.</summary>
    public static string? Problem(string? password)
    {
        if (password is null || TextLength.Of(password) is < MinLength or > MaxLength)
            return $"The password must be {MinLength} to {MaxLength} characters long.";
        if (Common.Value.Contains(password.ToLowerInvariant()))
            return "This password is among the most commonly used ones; choose another.";
        return null;
    }

    private static FrozenSet<string> LoadCommon()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Grains.Identity.Passwords.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is not embedded in Grains.dll.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
                words.Add(line);
        }

        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
