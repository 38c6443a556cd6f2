using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;

namespace Grains.Identity;

/// <summary>
/// Argon2id password hashes in the PHC string format, <c>$argon2id$v=19$m=19456,t=2,p=1$salt$hash</c>, so each
/// hash carries the parameters it was made with and stronger ones can be introduced without breaking old ones.
/// </summary>
public static class PasswordHasher
{
    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    private const string Prefix = "$argon2id$v=19$";

    // A login for an unknown email verifies against this, so it costs what a real check costs.
    private static readonly Lazy<string> DecoyHash = new(() => Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))));

    public static string Hash(string password) => Hash(password, Argon2Parameters.Current);

    public static string Hash(string password, Argon2Parameters parameters)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(password, salt, parameters, HashBytes);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Prefix}m={parameters.MemoryKib},t={parameters.Iterations},p={parameters.Parallelism}${Encode(salt)}${Encode(hash)}");
    }

    /// <summary>
    /// Checks <paramref name="password"/> against a PHC string in constant time. <paramref name="needsRehash"/>
    /// tells whether the stored hash was made with weaker parameters than <see cref="Argon2Parameters.Current"/>.
    /// </summary>
    public static bool Verify(string password, string phc, out bool needsRehash)
    {
        needsRehash = false;
        if (!TryParse(phc, out var parameters, out var salt, out var expected))
            return false;

        var actual = Derive(password, salt, parameters, expected.Length);
        if (!CryptographicOperations.FixedTimeEquals(actual, expected))
            return false;

        needsRehash = parameters.IsWeakerThan(Argon2Parameters.Current);
        return true;
    }

    /// <summary>Spends the time of one verification and always fails.</summary>
    public static void VerifyDecoy(string password) => Verify(password, DecoyHash.Value, out _);

    private static byte[] Derive(string password, byte[] salt, Argon2Parameters parameters, int length)
    {
        using var argon = new Argon2id(Encoding.UTF8.GetBytes(password))
        {
            Salt = salt,
            MemorySize = parameters.MemoryKib,
            Iterations = parameters.Iterations,
            DegreeOfParallelism = parameters.Parallelism,
        };
        return argon.GetBytes(length);
    }

    private static bool TryParse(string phc, out Argon2Parameters parameters, out byte[] salt, out byte[] hash)
    {
        (parameters, salt, hash) = (default, [], []);
        if (!phc.StartsWith(Prefix, StringComparison.Ordinal))
            return false;

        var parts = phc[Prefix.Length..].Split('$');
        if (parts.Length != 3)
            return false;

        var values = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pair in parts[0].Split(','))
        {
            var kv = pair.Split('=', 2);
            if (kv.Length != 2 || !int.TryParse(kv[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
                return false;
            values[kv[0]] = value;
        }
        if (!values.TryGetValue("m", out var m) || !values.TryGetValue("t", out var t) || !values.TryGetValue("p", out var p))
            return false;

        parameters = new(m, t, p);
        return TryDecode(parts[1], out salt) && TryDecode(parts[2], out hash) && hash.Length > 0;
    }

    // PHC strings use standard Base64 without padding.
    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static bool TryDecode(string text, out byte[] bytes)
    {
        var padded = text.PadRight(text.Length + (4 - text.Length % 4) % 4, '=');
        bytes = new byte[padded.Length];
        if (!Convert.TryFromBase64String(padded, bytes, out var written))
            return false;
        bytes = bytes[..written];
        return true;
    }
}
