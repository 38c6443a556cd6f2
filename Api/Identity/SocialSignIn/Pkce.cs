using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Api.Identity.SocialSignIn;

/// <summary>Unguessable flow values and the PKCE S256 challenge (RFC 7636).</summary>
public static class Pkce
{
    /// <summary>256 random bits, base64url: usable as state, nonce and code verifier (43 characters).</summary>
    public static string NewRandomValue() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    public static string S256Challenge(string codeVerifier) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(codeVerifier)));
}
