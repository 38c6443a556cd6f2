using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Tests.Identity;

/// <summary>
/// A second JOSE library (Microsoft.IdentityModel) opens and verifies our tokens given only what an outside party
/// would have: the published JWKS and the JWE_SECRET_KEY with the documented HKDF derivation.
/// </summary>
public sealed class AccessTokenInteropTests(IdentityApiFactory api) : IClassFixture<IdentityApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task IdentityModel_opens_and_verifies_the_nested_token()
    {
        var user = await TestUsers.SignUpAsync(_client);
        var jwks = new JsonWebKeySet(await _client.GetStringAsync("/.well-known/jwks.json"));
        var kek = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(IdentityApiFactory.JweSecretKey), 32, [],
            Encoding.UTF8.GetBytes("platform access token A256KW"));

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(user.AccessToken, new TokenValidationParameters
        {
            ValidIssuer = "platform",
            ValidAudience = "platform",
            IssuerSigningKeys = jwks.GetSigningKeys(),
            TokenDecryptionKey = new SymmetricSecurityKey(kek),
        });

        Assert.True(result.IsValid, result.Exception?.ToString());
        Assert.Equal(user.Id.ToString(), result.Claims["sub"]);
        Assert.Equal(user.Email, result.Claims["email"]);
        Assert.True(Guid.TryParse((string)result.Claims["sid"], out _));
        Assert.False(string.IsNullOrEmpty((string)result.Claims["jti"]));
        Assert.Equal(15 * 60, Convert.ToInt64(result.Claims["exp"]) - Convert.ToInt64(result.Claims["iat"]));

        var outer = (JsonWebToken)result.SecurityToken;
        Assert.True(outer.IsEncrypted);
        Assert.Equal("A256KW", outer.Alg);
        Assert.Equal("A256CBC-HS512", outer.Enc);
        Assert.Equal("JWT", outer.Cty);
        Assert.Equal("ES256", outer.InnerToken.Alg);
        Assert.Equal(jwks.Keys.Single().Kid, outer.InnerToken.Kid);
    }

    [Fact]
    public async Task The_claims_are_not_readable_without_the_encryption_key()
    {
        var user = await TestUsers.SignUpAsync(_client);
        var segments = user.AccessToken.Split('.');
        Assert.Equal(5, segments.Length);
        foreach (var segment in segments)
            Assert.DoesNotContain(user.Email, Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(segment)), StringComparison.OrdinalIgnoreCase);
        var header = JsonDocument.Parse(Base64UrlEncoder.Decode(segments[0])).RootElement;
        Assert.Equal("A256KW", header.GetProperty("alg").GetString());
    }
}
