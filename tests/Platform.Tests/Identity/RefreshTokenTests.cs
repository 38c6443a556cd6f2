using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Platform.Tests.Identity.Accounts;

namespace Platform.Tests.Identity;

public sealed class RefreshTokenTests(AccountsFixture fixture) : IClassFixture<AccountsFixture>
{
    private readonly WebApplicationFactory<Program> _api = fixture.Api;
    private readonly HttpClient _client = fixture.Api.CreateClient();

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
    public async Task Reusing_a_spent_token_after_the_grace_is_401_and_revokes_every_token_of_the_login()
    {
        var user = await TestUsers.SignUpAsync(_client);
        var (nextRefresh, nextAccess) = await RefreshAsync(user.RefreshToken);
        fixture.Clock.Advance(TimeSpan.FromSeconds(11));

        var reuse = await _client.PostAsJsonAsync("/auth/refresh", new { refresh_token = user.RefreshToken });
        await reuse.AssertProblemAsync(HttpStatusCode.Unauthorized);

        var successor = await _client.PostAsJsonAsync("/auth/refresh", new { refresh_token = nextRefresh });
        await successor.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.CreateClient(nextAccess).GetAsync("/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.CreateClient(user.AccessToken).GetAsync("/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Two_tabs_refreshing_with_one_token_at_once_get_the_same_pair_and_stay_signed_in()
    {
        var user = await TestUsers.SignUpAsync(_client);

        var tabs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _client.PostAsJsonAsync("/auth/refresh", new { refresh_token = user.RefreshToken })));

        Assert.All(tabs, tab => Assert.Equal(HttpStatusCode.OK, tab.StatusCode));
        var bodies = await Task.WhenAll(tabs.Select(tab => tab.Content.ReadFromJsonAsync<JsonElement>()));
        var successor = Assert.Single(bodies.Select(b => b.GetProperty("refresh_token").GetString()).Distinct());
        Assert.NotEqual(user.RefreshToken, successor);
        foreach (var body in bodies)
            Assert.Equal(HttpStatusCode.OK, (await _api.CreateClient(body.GetProperty("access_token").GetString()!).GetAsync("/auth/me")).StatusCode);
        await RefreshAsync(successor!);
    }

    [Fact]
    public async Task Within_the_grace_only_the_token_spent_last_comes_back()
    {
        var user = await TestUsers.SignUpAsync(_client);
        var (second, _) = await RefreshAsync(user.RefreshToken);
        var (third, _) = await RefreshAsync(second);

        // The first token was spent two rotations ago: its return is reuse, even within seconds.
        await (await _client.PostAsJsonAsync("/auth/refresh", new { refresh_token = user.RefreshToken })).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await _client.PostAsJsonAsync("/auth/refresh", new { refresh_token = third })).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Revoking_one_login_leaves_the_users_other_logins_working()
    {
        var user = await TestUsers.SignUpAsync(_client);
        var login = await (await _client.PostAsJsonAsync("/auth/login", new { email = user.Email, password = user.Password })).Content.ReadFromJsonAsync<JsonElement>();

        await _client.PostAsJsonAsync("/auth/refresh", new { refresh_token = user.RefreshToken });
        fixture.Clock.Advance(TimeSpan.FromSeconds(11));
        await _client.PostAsJsonAsync("/auth/refresh", new { refresh_token = user.RefreshToken });

        var other = _api.CreateClient(login.GetProperty("access_token").GetString()!);
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
