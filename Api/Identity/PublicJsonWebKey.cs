using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Api.Identity;

/// <summary>A public EC signing key as a JWK; its <see cref="Kid"/> is its RFC 7638 thumbprint.</summary>
public sealed record PublicJsonWebKey(string Kty, string Crv, string X, string Y, string Kid, string Use, string Alg)
{
    public static PublicJsonWebKey From(ECDsa key)
    {
        var point = key.ExportParameters(includePrivateParameters: false).Q;
        var (x, y) = (Base64UrlEncoder.Encode(point.X), Base64UrlEncoder.Encode(point.Y));
        // RFC 7638: the required members in lexicographic order, no whitespace.
        var canonical = $$"""{"crv":"P-256","kty":"EC","x":"{{x}}","y":"{{y}}"}""";
        var thumbprint = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        return new("EC", "P-256", x, y, thumbprint, "sig", AccessTokenAlgorithms.Signature);
    }
}
