using Microsoft.IdentityModel.Tokens;

namespace Api.Identity;

/// <summary>
/// Every generation of keys a node knows, oldest first. One signs at a time: the newest whose time has come. A
/// generation is published (in JWKS, and accepted when validating) from the moment it is known — so clients and
/// other nodes have it before it signs — until every token it can have signed has expired: its successor's
/// start plus the access-token lifetime and the clock skew.
/// </summary>
public sealed class AccessTokenKeyRing(IReadOnlyList<AccessTokenKeys> generations, DateTimeOffset loadedAt)
{
    public IReadOnlyList<AccessTokenKeys> Generations { get; } = generations.Count > 0
        ? [.. generations.OrderBy(g => g.SignsFrom)]
        : throw new ArgumentException("A key ring needs at least one generation.", nameof(generations));

    /// <summary>When this ring was read from configuration and grain storage.</summary>
    public DateTimeOffset LoadedAt { get; } = loadedAt;

    public AccessTokenKeys SigningAt(DateTimeOffset now) => Generations.LastOrDefault(g => g.SignsFrom <= now) ?? Generations[0];

    /// <summary>The generations that may still have made a valid token, or are about to.</summary>
    public IEnumerable<AccessTokenKeys> Published(DateTimeOffset now, TimeSpan tokenLifetime) =>
        Generations.Where((generation, i) => i + 1 == Generations.Count || Generations[i + 1].SignsFrom + tokenLifetime > now);

    public bool Knows(string encryptionKeyId) => Generations.Any(g => g.EncryptionKeyId == encryptionKeyId);

    /// <summary>For the JwtBearer handler.</summary>
    public IEnumerable<SecurityKey> ValidationKeys(DateTimeOffset now, TimeSpan tokenLifetime) =>
        Published(now, tokenLifetime).SelectMany(g => g.ValidationKeys);

    /// <summary>For the JwtBearer handler.</summary>
    public IEnumerable<SecurityKey> DecryptionKeys(DateTimeOffset now, TimeSpan tokenLifetime) =>
        Published(now, tokenLifetime).SelectMany(g => g.DecryptionKeys);
}
