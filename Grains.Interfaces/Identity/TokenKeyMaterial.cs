namespace Grains.Interfaces.Identity;

/// <summary>The access-token keys as stored before they rotated (a P-256 signing key in PKCS#8, a 256-bit key-encryption key); kept to read old state.</summary>
[GenerateSerializer, Immutable, Alias("TokenKeyMaterial")]
public sealed record TokenKeyMaterial(
    [property: Id(0)] byte[] SigningKeyPkcs8,
    [property: Id(1)] byte[] EncryptionKey);
