using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Tests.Identity.Accounts;

public sealed class PasswordResetTests(AccountsFixture fixture) : IClassFixture<AccountsFixture>
{
    private const string NewPassword = "a new and much longer passphrase";
    private readonly HttpClient _client = fixture.Api.CreateClient();

    [Fact]
    public async Task A_reset_link_sets_the_password_once_and_ends_every_session()
    {
        var user = await TestUsers.SignUpAsync(_client);
        var otherLogin = await LogInAsync(user.Email, user.Password);

        Assert.Equal(HttpStatusCode.Accepted, (await ForgotAsync(user.Email)).StatusCode);
        var mail = await fixture.Mail.WaitForAsync(user.Email, AccountMails.ResetSubject);
        Assert.StartsWith(AccountsFixture.PublicBaseUrl + "/auth/password/reset?token=", AccountMails.Link(mail).ToString());

        var reset = await ResetAsync(AccountMails.Token(mail), NewPassword);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);

        // Every session ended: access tokens and refresh tokens of both logins.
        foreach (var accessToken in new[] { user.AccessToken, otherLogin.GetProperty("access_token").GetString()! })
            Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Api.CreateClient(accessToken).GetAsync("/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.PostAsJsonAsync("/auth/refresh", new { refresh_token = user.RefreshToken })).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await LogInResponseAsync(user.Email, user.Password)).StatusCode);
        var signedIn = await LogInAsync(user.Email, NewPassword);
        // Following the link proved the address.
        Assert.True(signedIn.GetProperty("user").GetProperty("email_verified").GetBoolean());

        await (await ResetAsync(AccountMails.Token(mail), "yet another long passphrase")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_reset_link_expires_after_30_minutes()
    {
        var user = await TestUsers.SignUpAsync(_client);
        await ForgotAsync(user.Email);
        var mail = await fixture.Mail.WaitForAsync(user.Email, AccountMails.ResetSubject);
        Assert.Contains("within 30 minutes", mail.TextBody);

        fixture.Clock.Advance(TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(1));

        await (await ResetAsync(AccountMails.Token(mail), NewPassword)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.OK, (await LogInResponseAsync(user.Email, user.Password)).StatusCode);
    }

    [Fact]
    public async Task Forgot_answers_the_same_for_an_unknown_address_and_sends_nothing()
    {
        var unknown = $"nobody-{Guid.NewGuid():N}@example.com";
        var user = await TestUsers.SignUpAsync(_client);

        var forUnknown = await ForgotAsync(unknown);
        var forKnown = await ForgotAsync(user.Email);

        Assert.Equal(HttpStatusCode.Accepted, forUnknown.StatusCode);
        Assert.Equal(forKnown.StatusCode, forUnknown.StatusCode);
        Assert.Equal(await forKnown.Content.ReadAsStringAsync(), await forUnknown.Content.ReadAsStringAsync());
        await fixture.Mail.WaitForAsync(user.Email, AccountMails.ResetSubject);
        // Nothing to the unknown address, and the grain that decides says there is nothing to send.
        Assert.Empty(fixture.Mail.To(unknown));
        Assert.Null(await fixture.Api.Services.GetRequiredService<IGrainFactory>().GetGrain<Grains.Interfaces.Identity.IAccountsGrain>(0).IssuePasswordResetAsync(unknown));
    }

    [Fact]
    public async Task A_weak_new_password_is_400_and_leaves_the_token_usable()
    {
        var user = await TestUsers.SignUpAsync(_client);
        await ForgotAsync(user.Email);
        var token = AccountMails.Token(await fixture.Mail.WaitForAsync(user.Email, AccountMails.ResetSubject));

        foreach (var weak in new[] { "short", "password1", "Iloveyou123" })
        {
            var problem = await (await ResetAsync(token, weak)).AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("new_password", out _));
        }
        Assert.Equal(HttpStatusCode.NoContent, (await ResetAsync(token, NewPassword)).StatusCode);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"token":"","new_password":"a new and much longer passphrase"}""")]
    [InlineData("""{"token":"garbage","new_password":"a new and much longer passphrase"}""")]
    public async Task A_bad_reset_request_is_400(string body)
    {
        var response = await _client.PostAsync("/auth/password/reset", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"email":"not an email"}""")]
    public async Task Forgot_with_a_malformed_address_is_400(string body)
    {
        var response = await _client.PostAsync("/auth/password/forgot", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Common_passwords_are_refused_at_signup()
    {
        foreach (var common in new[] { "password1234", "Qwertyuiop", "iloveyou123" })
        {
            var response = await _client.PostAsJsonAsync("/auth/signup", new { email = $"{Guid.NewGuid():N}@example.com", password = common });
            var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.Contains("common", problem.GetProperty("errors").GetProperty("password")[0].GetString());
        }
    }

    private Task<HttpResponseMessage> ForgotAsync(string email) => _client.PostAsJsonAsync("/auth/password/forgot", new { email });

    private Task<HttpResponseMessage> ResetAsync(string token, string newPassword) =>
        _client.PostAsJsonAsync("/auth/password/reset", new { token, new_password = newPassword });

    private Task<HttpResponseMessage> LogInResponseAsync(string email, string password) => _client.PostAsJsonAsync("/auth/login", new { email, password });

    private async Task<JsonElement> LogInAsync(string email, string password)
    {
        var response = await LogInResponseAsync(email, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
