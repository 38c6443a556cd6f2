using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Api.Identity;

/// <summary>The keys in use: one P-256 signing key and one 256-bit key-wrapping key, in the forms each library wants.</summary>
public sealed class AccessTokenKeys
{
    public AccessTokenKeys(ECDsa signingKey, byte[] encryptionKey)
    {
        SigningKey = signingKey;
        EncryptionKey = encryptionKey;
        PublicKey = PublicJsonWebKey.From(signingKey);
        // A key id for the encryption key that reveals nothing usable about it.
        EncryptionKeyId = Base64UrlEncoder.Encode(SHA256.HashData([.. "kid:"u8, .. encryptionKey]).AsSpan(0, 12).ToArray());
        ValidationKeys = [new ECDsaSecurityKey(ECDsa.Create(signingKey.ExportParameters(false))) { KeyId = PublicKey.Kid }];
        DecryptionKeys = [new SymmetricSecurityKey(encryptionKey) { KeyId = EncryptionKeyId }];
    }

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
