using System.Buffers.Text;

namespace Grains.Identity;

/// <summary>
/// A refresh token is base64url(session id ‖ 256-bit random secret): opaque to clients, yet it names the login
/// session that can check it. Only a hash of the secret is stored.
/// </summary>
public static class RefreshTokenFormat
{
    public const int SecretBytes = 32;
    private const int SessionIdBytes = 16;

    public static string Compose(Guid sessionId, byte[] secret)
    {
        var bytes = new byte[SessionIdBytes + SecretBytes];
        sessionId.TryWriteBytes(bytes);
        secret.CopyTo(bytes, SessionIdBytes);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryParse(string? token, out Guid sessionId, out byte[] secret)
    {
        (sessionId, secret) = (Guid.Empty, []);
        if (string.IsNullOrEmpty(token) || token.Length > 128 || !Base64Url.IsValid(token))
            return false;

        var bytes = Base64Url.DecodeFromChars(token);
        if (bytes.Length != SessionIdBytes + SecretBytes)
            return false;

        sessionId = new Guid(bytes.AsSpan(0, SessionIdBytes));
        secret = bytes[SessionIdBytes..];
        return true;
    }
}
