namespace Api.Identity;

/// <summary>
/// The JOSE algorithms of access tokens. Signature: ES256 (small keys and tokens, public key publishable as a
/// JWK). Encryption: A256KW key wrapping with A256CBC-HS512 content encryption. A256GCM would be the usual
/// choice, but Microsoft.IdentityModel 8.23 (under ASP.NET Core's JwtBearer) decrypts AES-GCM only through
/// Windows' BCrypt.dll and fails elsewhere ("Unable to load shared library 'BCrypt.dll'"), so tokens using it
/// could not be opened by standard .NET code on Linux. AES-CBC + HMAC-SHA-512 is authenticated encryption
/// that both jose-jwt and IdentityModel support on every platform.
/// </summary>
public static class AccessTokenAlgorithms
{
    public const string Signature = "ES256";
    public const string KeyManagement = "A256KW";
    public const string ContentEncryption = "A256CBC-HS512";
}
