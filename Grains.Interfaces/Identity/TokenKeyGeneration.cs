namespace Grains.Interfaces.Identity;

/// <summary>
/// One generation of generated access-token keys: a P-256 signing key (PKCS#8) and a 256-bit key-encryption key,
/// used to make tokens from <paramref name="SignsFrom"/> until the next generation's time comes.
/// </summary>
[GenerateSerializer, Immutable, Alias("TokenKeyGeneration")]
public sealed record TokenKeyGeneration(
    [property: Id(0)] byte[] SigningKeyPkcs8,
    [property: Id(1)] byte[] EncryptionKey,
    [property: Id(2)] DateTimeOffset SignsFrom);
