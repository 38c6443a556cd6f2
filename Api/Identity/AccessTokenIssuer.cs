using System.Security.Cryptography;
using Grains.Interfaces.Identity;
using Jose;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Api.Identity;

/// <summary>Makes access tokens: claims signed with ES256 (JWS), the JWS then encrypted (JWE) so the claims are unreadable without the key.</summary>
public sealed class AccessTokenIssuer(AccessTokenKeySource keySource, IOptions<AuthOptions> options, TimeProvider clock)
{
    public async Task<string> IssueAsync(UserProfile user, Guid sessionId)
    {
        var auth = options.Value;
        var now = clock.GetUtcNow();
        var keys = (await keySource.GetAsync()).SigningAt(now);
        var claims = new Dictionary<string, object>
        {
            [AccessTokenClaims.Subject] = user.Id.ToString(),
            [AccessTokenClaims.Email] = user.Email,
            [AccessTokenClaims.SessionId] = sessionId.ToString(),
            [AccessTokenClaims.TokenId] = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16)),
            ["iss"] = auth.Issuer,
            ["aud"] = auth.Audience,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            [AccessTokenClaims.Expires] = (now + auth.AccessTokenLifetime).ToUnixTimeSeconds(),
        };

        var signed = JWT.Encode(claims, keys.SigningKey, JwsAlgorithm.ES256,
            new Dictionary<string, object> { ["kid"] = keys.PublicKey.Kid, ["typ"] = "JWT" });
        return JWT.Encode(signed, keys.EncryptionKey, JweAlgorithm.A256KW, JweEncryption.A256CBC_HS512,
            extraHeaders: new Dictionary<string, object> { ["kid"] = keys.EncryptionKeyId, ["cty"] = "JWT", ["typ"] = "JWT" });
    }
}
