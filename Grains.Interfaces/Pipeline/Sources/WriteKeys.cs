using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Grains.Interfaces.Pipeline.Sources;

/// <summary>
/// Write keys: <c>wk_</c> and 256 random bits in base64url. Only their SHA-256 is kept (a key is as strong as a
/// random 256-bit secret, so a fast hash is enough), which is also the name of the key's grain.
/// </summary>
public static class WriteKeys
{
    public const string Prefix = "wk_";
    private const int HintLength = 8;

    public static string Generate() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string HashOf(string writeKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(writeKey)));

    public static string HintOf(string writeKey) => writeKey[..Math.Min(HintLength, writeKey.Length)] + "…";
}
