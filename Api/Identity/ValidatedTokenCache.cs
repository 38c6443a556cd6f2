using System.Buffers.Text;
using System.Text.Json;
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
/// until they expire (at most the access-token lifetime). A token the cache does not hold yet whose JWE header names an
/// encryption key this node does not know — signed by a node that saw a key rotation first — makes the node read its
/// key ring again (at most every few seconds) before validating; tokens already validated never pay for that check.
/// </summary>
internal sealed class ValidatedTokenCache : JsonWebTokenHandler
{
    private readonly TimeProvider _clock;
    private readonly AccessTokenKeySource _keys;
    private const int MaxTokens = 50_000;
    private readonly MemoryCache _validated = new(new MemoryCacheOptions { SizeLimit = MaxTokens });

    /// <summary>How often a token naming an unknown key may make this node read the key ring again.</summary>
    private static readonly TimeSpan UnknownKeyRefreshInterval = TimeSpan.FromSeconds(5);

    public ValidatedTokenCache(TimeProvider clock, AccessTokenKeySource keys)
    {
        _clock = clock;
        _keys = keys;
        MapInboundClaims = false;
    }

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        // The cache's own expiry runs on the system clock; the platform's clock decides whether a token still holds.
        if (_validated.TryGetValue(token, out TokenValidationResult? known) && known is not null && IsUnexpired(known))
            return Copy(known);

        if (EncryptionKeyId(token) is { } kid && _keys.Loaded is { } ring && !ring.Knows(kid))
            await _keys.RefreshAsync(ifOlderThan: UnknownKeyRefreshInterval);
        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && IsUnexpired(result))
            _validated.Set(token, result, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = result.SecurityToken.ValidTo });
        return result;
    }

    /// <summary>The <c>kid</c> of a JWE's protected header, read without decrypting anything; null when there is none.</summary>
    private static string? EncryptionKeyId(string token)
    {
        if (token.Count(c => c == '.') != 4)
            return null;
        var header = token[..token.IndexOf('.')];
        if (header.Length > 1024 || !Base64Url.IsValid(header))
            return null;
        try
        {
            using var json = JsonDocument.Parse(Base64Url.DecodeFromChars(header));
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("kid", out var kid) && kid.ValueKind == JsonValueKind.String
                ? kid.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
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
