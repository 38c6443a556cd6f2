using System.Text.Json;

namespace Platform.Tests.Identity.Accounts;

public sealed class PasswordChangeTests(IdentityApiFactory api) : IClassFixture<IdentityApiFactory>
{
    private const string NewPassword = "a new and much longer passphrase";
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task A_change_keeps_this_session_and_ends_the_others()
    {
        var user = await TestUsers.SignUpAsync(_client);
        var other = await (await _client.PostAsJsonAsync("/auth/login", new { email = user.Email, password = user.Password })).Content.ReadFromJsonAsync<JsonElement>();

        var change = await ChangeAsync(user.AccessToken, user.Password, NewPassword);
        Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await api.CreateClient(user.AccessToken).GetAsync("/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient(other.GetProperty("access_token").GetString()!).GetAsync("/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.PostAsJsonAsync("/auth/refresh", new { refresh_token = other.GetProperty("refresh_token").GetString() })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.PostAsJsonAsync("/auth/login", new { email = user.Email, password = user.Password })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsJsonAsync("/auth/login", new { email = user.Email, password = NewPassword })).StatusCode);
    }

    [Fact]
    public async Task A_wrong_current_password_is_401_and_changes_nothing()
    {
        var user = await TestUsers.SignUpAsync(_client);

        var change = await ChangeAsync(user.AccessToken, "not the password", NewPassword);
        await change.AssertProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsJsonAsync("/auth/login", new { email = user.Email, password = user.Password })).StatusCode);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("password1234")]
    public async Task A_weak_new_password_is_400(string weak)
    {
        var user = await TestUsers.SignUpAsync(_client);

        var problem = await (await ChangeAsync(user.AccessToken, user.Password, weak)).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("new_password", out _));
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsJsonAsync("/auth/login", new { email = user.Email, password = user.Password })).StatusCode);
    }

    [Fact]
    public async Task A_change_needs_a_signed_in_user_and_the_current_password()
    {
        await (await _client.PostAsJsonAsync("/auth/password/change", new { current_password = "x", new_password = NewPassword })).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var user = await TestUsers.SignUpAsync(_client);
        await (await api.CreateClient(user.AccessToken).PostAsJsonAsync("/auth/password/change", new { new_password = NewPassword })).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    private Task<HttpResponseMessage> ChangeAsync(string accessToken, string current, string next) =>
        api.CreateClient(accessToken).PostAsJsonAsync("/auth/password/change", new { current_password = current, new_password = next });
}
