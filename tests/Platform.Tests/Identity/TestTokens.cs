using System.Security.Claims;
using System.Security.Cryptography;
using Api.Identity;
using Jose;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Tests.Identity;

/// <summary>Makes and opens access tokens with the keys <see cref="IdentityApiFactory"/> configures, using jose-jwt and IdentityModel directly.</summary>
internal static class TestTokens
{
    public static ECDsa SigningKey { get; } = TokenKeyDerivation.SigningKey(IdentityApiFactory.SecretKey);

    public static byte[] EncryptionKey { get; } = TokenKeyDerivation.EncryptionKey(IdentityApiFactory.JweSecretKey);

    public static string KeyId { get; } = PublicJsonWebKey.From(SigningKey).Kid;

    public static Dictionary<string, object> Claims(Guid userId, Guid sessionId, DateTimeOffset issuedAt, TimeSpan lifetime, DateTimeOffset? notBefore = null) => new()
    {
        ["sub"] = userId.ToString(),
        ["email"] = "someone@example.com",
        ["sid"] = sessionId.ToString(),
        ["jti"] = Guid.NewGuid().ToString("N"),
        ["iss"] = "platform",
        ["aud"] = "platform",
        ["iat"] = issuedAt.ToUnixTimeSeconds(),
        ["nbf"] = (notBefore ?? issuedAt).ToUnixTimeSeconds(),
        ["exp"] = (issuedAt + lifetime).ToUnixTimeSeconds(),
    };

    public static string Sign(IDictionary<string, object> claims, ECDsa? key = null) =>
        JWT.Encode(claims, key ?? SigningKey, JwsAlgorithm.ES256, new Dictionary<string, object> { ["kid"] = KeyId });

    public static string Encrypt(string jws, byte[]? key = null) =>
        JWT.Encode(jws, key ?? EncryptionKey, JweAlgorithm.A256KW, JweEncryption.A256CBC_HS512,
            extraHeaders: new Dictionary<string, object> { ["cty"] = "JWT" });

    /// <summary>The validated claims of a token the Api issued (with IdentityModel, given the configured keys).</summary>
    public static async Task<IDictionary<string, object>> OpenAsync(string token)
    {
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = "platform",
            ValidAudience = "platform",
            IssuerSigningKey = new ECDsaSecurityKey(SigningKey),
            TokenDecryptionKey = new SymmetricSecurityKey(EncryptionKey),
        });
        Assert.True(result.IsValid, result.Exception?.ToString());
        return result.Claims;
    }

    public static (Guid UserId, Guid SessionId) Subject(IDictionary<string, object> claims) =>
        (Guid.Parse((string)claims["sub"]), Guid.Parse((string)claims["sid"]));

    public static ClaimsPrincipal Principal(IDictionary<string, object> claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Key, c.Value.ToString()!))));
}
