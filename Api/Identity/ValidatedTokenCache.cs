using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Api.Identity;

/// <summary>
/// JwtBearer's token handler, remembering each access token it has fully validated (decrypted, signature
/// and claims checked) until the token expires, so a client presenting the same token again costs a lookup
/// instead of an AES unwrap, a decryption and an ECDSA verification. Only the exact token string hits; every
/// request still passes the login-session check (<see cref="AccessTokenEvents"/>), so a logout or a revoked
/// refresh family takes effect at once. Keys replaced by an operator keep serving already-validated tokens
/// until they expire (at most the access-token lifetime).
/// </summary>
internal sealed class ValidatedTokenCache : JsonWebTokenHandler
{
    private const int MaxTokens = 50_000;
    private readonly MemoryCache _validated = new(new MemoryCacheOptions { SizeLimit = MaxTokens });

    public ValidatedTokenCache() => MapInboundClaims = false;

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (_validated.TryGetValue(token, out TokenValidationResult? known) && known is not null)
            return Copy(known);

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is JsonWebToken { ValidTo: var expires } && expires > DateTime.UtcNow)
            _validated.Set(token, result, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = expires });
        return result;
    }

    /// <summary>Each request gets its own identity: later middleware may add claims to it.</summary>
    private static TokenValidationResult Copy(TokenValidationResult known) => new()
    {
        IsValid = true,
        ClaimsIdentity = known.ClaimsIdentity.Clone(),
        SecurityToken = known.SecurityToken,
        Issuer = known.Issuer,
        TokenType = known.TokenType,
    };
}
