using System.Text.Json;

namespace Platform.Tests.Identity;

/// <summary>Every status code of the contract's auth table except the provider rows.</summary>
public sealed class AuthEndpointsTests(IdentityApiFactory api) : IClassFixture<IdentityApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task Signup_answers_201_with_user_and_token_pair()
    {
        var email = $"Ann.{Guid.NewGuid():N}@Example.com";
        var response = await _client.PostAsJsonAsync("/auth/signup", new { email, password = "s3cret-enough", full_name = "Ann Example" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(900, body.GetProperty("expires_in").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("access_token").GetString()));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("refresh_token").GetString()));
        var user = body.GetProperty("user");
        Assert.True(Guid.TryParse(user.GetProperty("id").GetString(), out _));
        Assert.Equal(email, user.GetProperty("email").GetString());
        Assert.Equal("Ann Example", user.GetProperty("full_name").GetString());
        Assert.Equal(["password"], user.GetProperty("providers").EnumerateArray().Select(p => p.GetString()));
        Assert.EndsWith("Z", user.GetProperty("created_at").GetString());
    }

    [Fact]
    public async Task Signup_with_a_taken_email_in_other_case_and_spacing_is_409()
    {
        var user = await TestUsers.SignUpAsync(_client);
        var response = await _client.PostAsJsonAsync("/auth/signup", new { email = $"  {user.Email.ToUpperInvariant()} ", password = "another-password" });
        await response.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("not-an-email", "long-enough-password", "email")]
    [InlineData("Ann <ann@example.com>", "long-enough-password", "email")]
    [InlineData("", "long-enough-password", "email")]
    [InlineData("short@example.com", "1234567", "password")]
    [InlineData("long@example.com", null, "password")]
    public async Task Signup_with_bad_email_or_password_is_400_with_field_errors(string email, string? password, string field)
    {
        var response = await _client.PostAsJsonAsync("/auth/signup", new { email, password });
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Password_length_limits_are_8_and_128()
    {
        var tooLong = await _client.PostAsJsonAsync("/auth/signup", new { email = $"{Guid.NewGuid():N}@example.com", password = new string('x', 129) });
        await tooLong.AssertProblemAsync(HttpStatusCode.BadRequest);
        await TestUsers.SignUpAsync(_client, password: string.Concat(Enumerable.Repeat("q7#Lm2$v", 16)));
        await TestUsers.SignUpAsync(_client, password: "q7#Lm2$v");
    }

    [Fact]
    public async Task Malformed_json_is_400()
    {
        var response = await _client.PostAsync("/auth/signup", new StringContent("{\"email\":", System.Text.Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Login_answers_200_with_a_new_token_pair()
    {
        var user = await TestUsers.SignUpAsync(_client);
        var response = await _client.PostAsJsonAsync("/auth/login/", new { email = user.Email.ToUpperInvariant(), password = user.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(user.Id.ToString(), body.GetProperty("user").GetProperty("id").GetString());
        Assert.NotEqual(user.RefreshToken, body.GetProperty("refresh_token").GetString());
        Assert.Equal("bearer", body.GetProperty("token_type").GetString());
    }

    [Fact]
    public async Task Login_with_wrong_password_or_unknown_email_is_one_401()
    {
        var user = await TestUsers.SignUpAsync(_client);
        var wrongPassword = await _client.PostAsJsonAsync("/auth/login", new { email = user.Email, password = "not-the-password" });
        var unknownEmail = await _client.PostAsJsonAsync("/auth/login", new { email = $"{Guid.NewGuid():N}@example.com", password = user.Password });

        var first = await wrongPassword.AssertProblemAsync(HttpStatusCode.Unauthorized);
        var second = await unknownEmail.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(first.GetProperty("detail").GetString(), second.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Refresh_answers_200_with_a_new_pair_and_spends_the_old_token()
    {
        var user = await TestUsers.SignUpAsync(_client);
        var response = await _client.PostAsJsonAsync("/auth/refresh", new { refresh_token = user.RefreshToken });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var next = body.GetProperty("refresh_token").GetString()!;
        Assert.NotEqual(user.RefreshToken, next);
        var fresh = api.CreateClient(body.GetProperty("access_token").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/auth/me")).StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Refresh_with_an_unknown_token_is_401(string token)
    {
        var response = await _client.PostAsJsonAsync("/auth/refresh", new { refresh_token = token });
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Logout_answers_204_and_ends_the_login()
    {
        var user = await TestUsers.SignUpAsync(_client);
        var client = api.CreateClient(user.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/auth/logout", null)).StatusCode);
        await (await _client.PostAsJsonAsync("/auth/refresh", new { refresh_token = user.RefreshToken })).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await client.GetAsync("/auth/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Me_answers_200_with_the_profile()
    {
        var user = await TestUsers.SignUpAsync(_client);
        var body = await api.CreateClient(user.AccessToken).GetFromJsonAsync<JsonElement>("/auth/me");

        Assert.Equal(user.Id.ToString(), body.GetProperty("id").GetString());
        Assert.Equal(user.Email, body.GetProperty("email").GetString());
        Assert.Equal("Test User", body.GetProperty("full_name").GetString());
        Assert.Equal(JsonValueKind.Array, body.GetProperty("providers").ValueKind);
        Assert.True(DateTimeOffset.TryParse(body.GetProperty("created_at").GetString(), out _));
    }

    [Fact]
    public async Task Verify_answers_200_with_subject_email_and_expiry()
    {
        var user = await TestUsers.SignUpAsync(_client);
        var body = await api.CreateClient(user.AccessToken).GetFromJsonAsync<JsonElement>("/auth/verify/");

        Assert.True(body.GetProperty("valid").GetBoolean());
        Assert.Equal(user.Id.ToString(), body.GetProperty("sub").GetString());
        Assert.Equal(user.Email, body.GetProperty("email").GetString());
        var exp = DateTimeOffset.FromUnixTimeSeconds(body.GetProperty("exp").GetInt64());
        Assert.InRange(exp - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.1));
    }

    [Theory]
    [InlineData("GET", "/auth/me")]
    [InlineData("GET", "/auth/verify")]
    [InlineData("POST", "/auth/logout")]
    public async Task Protected_routes_without_a_token_are_401_with_bearer_challenge(string method, string path)
    {
        var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task A_query_string_token_counts_only_on_the_notification_paths()
    {
        var user = await TestUsers.SignUpAsync(_client);
        var response = await _client.GetAsync($"/auth/me?access_token={user.AccessToken}");
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Jwks_lists_the_ES256_public_key()
    {
        var body = await _client.GetFromJsonAsync<JsonElement>("/.well-known/jwks.json");
        var key = Assert.Single(body.GetProperty("keys").EnumerateArray());
        Assert.Equal("EC", key.GetProperty("kty").GetString());
        Assert.Equal("P-256", key.GetProperty("crv").GetString());
        Assert.Equal("ES256", key.GetProperty("alg").GetString());
        Assert.Equal("sig", key.GetProperty("use").GetString());
        Assert.False(key.TryGetProperty("d", out _));
    }

}
