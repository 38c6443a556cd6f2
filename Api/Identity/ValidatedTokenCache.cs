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
    private readonly TimeProvider _clock;
    private const int MaxTokens = 50_000;
    private readonly MemoryCache _validated = new(new MemoryCacheOptions { SizeLimit = MaxTokens });

    public ValidatedTokenCache(TimeProvider clock)
    {
        _clock = clock;
        MapInboundClaims = false;
    }

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        // The cache's own expiry runs on the system clock; the platform's clock decides whether a token still holds.
        if (_validated.TryGetValue(token, out TokenValidationResult? known) && known is not null && IsUnexpired(known))
            return Copy(known);

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && IsUnexpired(result))
            _validated.Set(token, result, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = result.SecurityToken.ValidTo });
        return result;
    }

    private bool IsUnexpired(TokenValidationResult result) => result.SecurityToken.ValidTo > _clock.GetUtcNow().UtcDateTime;

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
