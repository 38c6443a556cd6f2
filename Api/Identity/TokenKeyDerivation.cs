using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace Api.Identity;

/// <summary>
/// Turns the seed's secret strings into access-token keys, deterministically, so that every node given the same
/// strings has the same keys. Both derivations are HKDF-SHA256 with an empty salt and the info strings below.
/// </summary>
public static class TokenKeyDerivation
{
    public const string SigningInfo = "platform access token ES256";
    public const string EncryptionInfo = "platform access token A256KW";

    // The order of the P-256 group; a private scalar must lie in [1, n-1].
    private static readonly BigInteger P256Order = BigInteger.Parse(
        "0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", System.Globalization.NumberStyles.HexNumber);

    /// <summary>A PEM private key as it is, or a P-256 key derived from any other secret string.</summary>
    public static ECDsa SigningKey(string secret)
    {
        if (secret.TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal))
        {
            var key = ECDsa.Create();
            key.ImportFromPem(secret);
            if (key.KeySize != 256)
                throw new InvalidOperationException("The signing key must be an EC P-256 private key (ES256).");
            return key;
        }

        var ikm = Encoding.UTF8.GetBytes(secret);
        // Out-of-range candidates are rarer than 1 in 2^32; the counter only makes the derivation total.
        for (byte attempt = 0; ; attempt++)
        {
            var d = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 32, [], Encoding.UTF8.GetBytes(SigningInfo + (attempt == 0 ? "" : $" {attempt}")));
            var scalar = new BigInteger(d, isUnsigned: true, isBigEndian: true);
            if (scalar.IsZero || scalar >= P256Order)
                continue;
            // .NET computes the public point when only D is given.
            return ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d });
        }
    }

    /// <summary>The 256-bit AES key-wrapping key for A256KW.</summary>
    public static byte[] EncryptionKey(string secret) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, [], Encoding.UTF8.GetBytes(EncryptionInfo));
}
