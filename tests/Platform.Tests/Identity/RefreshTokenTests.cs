using System.Text.Json;

namespace Platform.Tests.Identity;

public sealed class RefreshTokenTests(IdentityApiFactory api) : IClassFixture<IdentityApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task Each_refresh_rotates_the_token()
    {
        var user = await TestUsers.SignUpAsync(_client);
        var token = user.RefreshToken;
        var seen = new HashSet<string> { token };
        for (var i = 0; i < 3; i++)
        {
            var (refresh, _) = await RefreshAsync(token);
            Assert.True(seen.Add(refresh));
            token = refresh;
        }
    }

    [Fact]
    public async Task Reusing_a_spent_token_is_401_and_revokes_every_token_of_the_login()
    {
        var user = await TestUsers.SignUpAsync(_client);
        var (nextRefresh, nextAccess) = await RefreshAsync(user.RefreshToken);

        var reuse = await _client.PostAsJsonAsync("/auth/refresh", new { refresh_token = user.RefreshToken });
        await reuse.AssertProblemAsync(HttpStatusCode.Unauthorized);

        var successor = await _client.PostAsJsonAsync("/auth/refresh", new { refresh_token = nextRefresh });
        await successor.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient(nextAccess).GetAsync("/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient(user.AccessToken).GetAsync("/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Revoking_one_login_leaves_the_users_other_logins_working()
    {
        var user = await TestUsers.SignUpAsync(_client);
        var login = await (await _client.PostAsJsonAsync("/auth/login", new { email = user.Email, password = user.Password })).Content.ReadFromJsonAsync<JsonElement>();

        await _client.PostAsJsonAsync("/auth/refresh", new { refresh_token = user.RefreshToken });
        await _client.PostAsJsonAsync("/auth/refresh", new { refresh_token = user.RefreshToken });

        var other = api.CreateClient(login.GetProperty("access_token").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/auth/me")).StatusCode);
        await RefreshAsync(login.GetProperty("refresh_token").GetString()!);
    }

    private async Task<(string Refresh, string Access)> RefreshAsync(string refreshToken)
    {
        var response = await _client.PostAsJsonAsync("/auth/refresh", new { refresh_token = refreshToken });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("refresh_token").GetString()!, body.GetProperty("access_token").GetString()!);
    }
}
