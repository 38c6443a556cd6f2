using System.Net.Http.Headers;
using System.Security.Cryptography;
using Jose;

namespace Platform.Tests.Identity;

/// <summary>Each way an access token can be wrong ends in 401 with a Bearer challenge; a token made the right way passes.</summary>
public sealed class AccessTokenRejectionTests(IdentityApiFactory api) : IClassFixture<IdentityApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task A_token_made_with_the_configured_keys_is_accepted()
    {
        var (userId, sessionId) = await SignedInAsync();
        var token = TestTokens.Encrypt(TestTokens.Sign(TestTokens.Claims(userId, sessionId, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5))));
        Assert.Equal(HttpStatusCode.OK, (await VerifyAsync(token)).StatusCode);
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("not yet valid")]
    [InlineData("wrong signature key")]
    [InlineData("wrong encryption key")]
    [InlineData("alg none")]
    [InlineData("bare JWS")]
    [InlineData("tampered ciphertext")]
    [InlineData("wrong issuer")]
    public async Task Bad_tokens_are_401(string defect)
    {
        var (userId, sessionId) = await SignedInAsync();
        var now = DateTimeOffset.UtcNow;
        var claims = TestTokens.Claims(userId, sessionId, now, TimeSpan.FromMinutes(5));
        var token = defect switch
        {
            "expired" => TestTokens.Encrypt(TestTokens.Sign(TestTokens.Claims(userId, sessionId, now.AddHours(-1), TimeSpan.FromMinutes(15)))),
            "not yet valid" => TestTokens.Encrypt(TestTokens.Sign(TestTokens.Claims(userId, sessionId, now, TimeSpan.FromMinutes(30), notBefore: now.AddMinutes(10)))),
            "wrong signature key" => TestTokens.Encrypt(TestTokens.Sign(claims, ECDsa.Create(ECCurve.NamedCurves.nistP256))),
            "wrong encryption key" => TestTokens.Encrypt(TestTokens.Sign(claims), RandomNumberGenerator.GetBytes(32)),
            "alg none" => TestTokens.Encrypt(JWT.Encode(claims, null, JwsAlgorithm.none)),
            "bare JWS" => TestTokens.Sign(claims),
            "tampered ciphertext" => Tamper(TestTokens.Encrypt(TestTokens.Sign(claims))),
            "wrong issuer" => TestTokens.Encrypt(TestTokens.Sign(new Dictionary<string, object>(claims) { ["iss"] = "someone-else" })),
            _ => throw new ArgumentOutOfRangeException(nameof(defect)),
        };
        await AssertRejected(await VerifyAsync(token));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("a.b.c")]
    [InlineData("a.b.c.d.e")]
    [InlineData("eyJhbGciOiJub25lIn0.e30.")]
    public async Task Malformed_strings_are_401(string token) => await AssertRejected(await VerifyAsync(token));

    [Fact]
    public async Task A_token_of_a_revoked_login_is_401()
    {
        var user = await TestUsers.SignUpAsync(_client);
        Assert.Equal(HttpStatusCode.NoContent, (await api.CreateClient(user.AccessToken).PostAsync("/auth/logout", null)).StatusCode);
        await AssertRejected(await VerifyAsync(user.AccessToken));
    }

    [Fact]
    public async Task A_token_of_a_login_that_never_existed_is_401()
    {
        var token = TestTokens.Encrypt(TestTokens.Sign(TestTokens.Claims(Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5))));
        await AssertRejected(await VerifyAsync(token));
    }

    private async Task<(Guid UserId, Guid SessionId)> SignedInAsync() =>
        TestTokens.Subject(await TestTokens.OpenAsync((await TestUsers.SignUpAsync(_client)).AccessToken));

    private Task<HttpResponseMessage> VerifyAsync(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/auth/verify");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _client.SendAsync(request);
    }

    private static async Task AssertRejected(HttpResponseMessage response)
    {
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    // Flips one character in the middle of the JWE ciphertext (the fourth segment).
    private static string Tamper(string jwe)
    {
        var parts = jwe.Split('.');
        var chars = parts[3].ToCharArray();
        var i = chars.Length / 2;
        chars[i] = chars[i] == 'A' ? 'B' : 'A';
        parts[3] = new string(chars);
        return string.Join('.', parts);
    }
}
