namespace Grains.Interfaces.Identity;

/// <summary>
/// Access-token keys generated once for the whole service when configuration names none: a P-256 signing key
/// (PKCS#8) and a 256-bit key-encryption key.
/// </summary>
[GenerateSerializer, Immutable, Alias("TokenKeyMaterial")]
public sealed record TokenKeyMaterial(
    [property: Id(0)] byte[] SigningKeyPkcs8,
    [property: Id(1)] byte[] EncryptionKey);
