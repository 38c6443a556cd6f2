namespace Grains.Identity;

/// <summary>A single-use secret handed out by mail or to a client, kept only as its SHA-256 hash, until it expires.</summary>
[GenerateSerializer, Immutable, Alias("PendingSecret")]
public sealed record PendingSecret([property: Id(0)] byte[] Hash, [property: Id(1)] DateTimeOffset ExpiresAt)
{
    public bool Accepts(byte[] secret, DateTimeOffset now) => ExpiresAt > now && KeyedSecretToken.Matches(secret, Hash);
}
