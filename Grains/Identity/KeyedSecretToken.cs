using System.Buffers.Text;
using System.Security.Cryptography;

namespace Grains.Identity;

/// <summary>
/// The shape of every secret the platform hands out for later use (refresh tokens, email-verification and
/// password-reset tokens, the second login step): base64url(grain key ‖ 256-bit random secret). Opaque to
/// clients, yet it names the one grain that can check it; that grain keeps only <see cref="Hash"/> of the secret.
/// </summary>
public static class KeyedSecretToken
{
    public const int SecretBytes = 32;
    private const int KeyBytes = 16;

    public static string Compose(Guid key, byte[] secret)
    {
        var bytes = new byte[KeyBytes + SecretBytes];
        key.TryWriteBytes(bytes);
        secret.CopyTo(bytes, KeyBytes);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryParse(string? token, out Guid key, out byte[] secret)
    {
        (key, secret) = (Guid.Empty, []);
        if (string.IsNullOrEmpty(token) || token.Length > 128 || !Base64Url.IsValid(token))
            return false;

        var bytes = Base64Url.DecodeFromChars(token);
        if (bytes.Length != KeyBytes + SecretBytes)
            return false;

        key = new Guid(bytes.AsSpan(0, KeyBytes));
        secret = bytes[KeyBytes..];
        return true;
    }

    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(SecretBytes);

    public static byte[] Hash(byte[] secret) => SHA256.HashData(secret);

    /// <summary>Whether <paramref name="secret"/> is the one whose hash is <paramref name="storedHash"/>, in constant time.</summary>
    public static bool Matches(byte[] secret, byte[]? storedHash) =>
        storedHash is { Length: > 0 } && CryptographicOperations.FixedTimeEquals(SHA256.HashData(secret), storedHash);
}
