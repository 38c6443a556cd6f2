using System.Security.Cryptography;

namespace Grains.Identity.TwoFactor;

/// <summary>
/// Ten single-use codes for when the authenticator is lost: 16 base32 characters (80 random bits) each, shown in
/// groups of four. With that much randomness one SHA-256 per code is enough to keep them unreadable in storage.
/// </summary>
public static class RecoveryCodes
{
    public const int Count = 10;
    private const int Characters = 16;
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static string[] Generate() => [.. Enumerable.Range(0, Count).Select(_ => Format(RandomNumberGenerator.GetString(Alphabet, Characters)))];

    /// <summary>The hash a code is kept as; dashes, spaces and case do not matter.</summary>
    public static byte[] Hash(string code) => SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(Normalize(code)));

    /// <summary>Whether <paramref name="code"/> has the shape of a recovery code (rather than of a TOTP code).</summary>
    public static bool LooksLikeOne(string code) => Normalize(code) is { Length: Characters } normalized && normalized.All(Alphabet.Contains);

    private static string Normalize(string code) => new([.. code.Where(c => c is not ('-' or ' ')).Select(char.ToLowerInvariant)]);

    private static string Format(string raw) => string.Join('-', raw.Chunk(4).Select(chunk => new string(chunk)));
}
