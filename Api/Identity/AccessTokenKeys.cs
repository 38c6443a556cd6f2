using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Api.Identity;

/// <summary>
/// One generation of keys: a P-256 signing key and a 256-bit key-wrapping key, in the forms each library wants,
/// making tokens from <see cref="SignsFrom"/> until the next generation's time.
/// </summary>
public sealed class AccessTokenKeys
{
    public AccessTokenKeys(ECDsa signingKey, byte[] encryptionKey, DateTimeOffset signsFrom)
    {
        SigningKey = signingKey;
        EncryptionKey = encryptionKey;
        SignsFrom = signsFrom;
        PublicKey = PublicJsonWebKey.From(signingKey);
        // A key id for the encryption key that reveals nothing usable about it.
        EncryptionKeyId = Base64UrlEncoder.Encode(SHA256.HashData([.. "kid:"u8, .. encryptionKey]).AsSpan(0, 12).ToArray());
        ValidationKeys = [new ECDsaSecurityKey(ECDsa.Create(signingKey.ExportParameters(false))) { KeyId = PublicKey.Kid }];
        DecryptionKeys = [new SymmetricSecurityKey(encryptionKey) { KeyId = EncryptionKeyId }];
    }

    public DateTimeOffset SignsFrom { get; }

    /// <summary>The private signing key, for jose-jwt.</summary>
    public ECDsa SigningKey { get; }

    /// <summary>The A256KW key, for jose-jwt.</summary>
    public byte[] EncryptionKey { get; }

    public string EncryptionKeyId { get; }

    public PublicJsonWebKey PublicKey { get; }

    /// <summary>For the JwtBearer handler.</summary>
    public IReadOnlyList<SecurityKey> ValidationKeys { get; }

    /// <summary>For the JwtBearer handler.</summary>
    public IReadOnlyList<SecurityKey> DecryptionKeys { get; }
}
