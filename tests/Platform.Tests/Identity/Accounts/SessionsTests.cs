using System.Text.Json;

namespace Platform.Tests.Identity.Accounts;

public sealed class SessionsTests(IdentityApiFactory api) : IClassFixture<IdentityApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task The_list_shows_each_login_with_its_client_and_marks_the_current_one()
    {
        var user = await TestUsers.SignUpAsync(_client);
        var phone = await LogInAsync(user, "PhoneBrowser/1.0");

        var sessions = await ListAsync(user.AccessToken);

        Assert.Equal(2, sessions.Count);
        var current = Assert.Single(sessions, s => s.GetProperty("current").GetBoolean());
        var other = Assert.Single(sessions, s => !s.GetProperty("current").GetBoolean());
        Assert.Equal("PhoneBrowser/1.0", other.GetProperty("user_agent").GetString());
        Assert.NotEqual(current.GetProperty("id").GetString(), other.GetProperty("id").GetString());
        foreach (var session in sessions)
        {
            Assert.True(session.GetProperty("created_at").GetDateTime() <= session.GetProperty("last_used_at").GetDateTime());
            Assert.True(session.TryGetProperty("ip", out _));
        }
        // The phone sees the same two, with itself as current.
        var fromPhone = await ListAsync(phone.AccessToken);
        Assert.Equal(other.GetProperty("id").GetString(), Assert.Single(fromPhone, s => s.GetProperty("current").GetBoolean()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Ending_a_session_stops_its_tokens_at_once_and_leaves_the_others()
    {
        var user = await TestUsers.SignUpAsync(_client);
        var phone = await LogInAsync(user, "PhoneBrowser/1.0");
        var phoneSession = (await ListAsync(phone.AccessToken)).Single(s => s.GetProperty("current").GetBoolean()).GetProperty("id").GetString();

        var end = await api.CreateClient(user.AccessToken).DeleteAsync($"/auth/sessions/{phoneSession}");
        Assert.Equal(HttpStatusCode.NoContent, end.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient(phone.AccessToken).GetAsync("/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.PostAsJsonAsync("/auth/refresh", new { refresh_token = phone.RefreshToken })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.CreateClient(user.AccessToken).GetAsync("/auth/me")).StatusCode);
        Assert.Single(await ListAsync(user.AccessToken));
    }

    [Fact]
    public async Task Another_users_session_is_404_and_keeps_working()
    {
        var owner = await TestUsers.SignUpAsync(_client);
        var stranger = await TestUsers.SignUpAsync(_client);
        var ownerSession = (await ListAsync(owner.AccessToken)).Single().GetProperty("id").GetString();

        await (await api.CreateClient(stranger.AccessToken).DeleteAsync($"/auth/sessions/{ownerSession}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await api.CreateClient(stranger.AccessToken).DeleteAsync($"/auth/sessions/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.OK, (await api.CreateClient(owner.AccessToken).GetAsync("/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Logging_out_removes_the_session_from_the_list()
    {
        var user = await TestUsers.SignUpAsync(_client);
        var phone = await LogInAsync(user, "PhoneBrowser/1.0");

        await api.CreateClient(phone.AccessToken).PostAsync("/auth/logout", null);

        Assert.False(Assert.Single(await ListAsync(user.AccessToken)).GetProperty("user_agent").GetString() == "PhoneBrowser/1.0");
    }

    private async Task<TestUser> LogInAsync(TestUser user, string userAgent)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/login") { Content = JsonContent.Create(new { email = user.Email, password = user.Password }) };
        request.Headers.UserAgent.ParseAdd(userAgent);
        var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return user with { AccessToken = body.GetProperty("access_token").GetString()!, RefreshToken = body.GetProperty("refresh_token").GetString()! };
    }

    private async Task<List<JsonElement>> ListAsync(string accessToken) =>
        [.. (await api.CreateClient(accessToken).GetFromJsonAsync<JsonElement>("/auth/sessions")).GetProperty("items").EnumerateArray()];
}
