namespace Api.Identity;

/// <summary>The body of <c>/.well-known/jwks.json</c> (RFC 7517).</summary>
public sealed record JsonWebKeySetDocument(IReadOnlyList<PublicJsonWebKey> Keys);
