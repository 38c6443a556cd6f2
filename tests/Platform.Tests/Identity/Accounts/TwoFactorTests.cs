using System.Text.Json;
using System.Xml.Linq;
using Grains.Identity.TwoFactor;
using OtpNet;

namespace Platform.Tests.Identity.Accounts;

public sealed class TwoFactorTests(AccountsFixture fixture) : IClassFixture<AccountsFixture>
{
    private readonly HttpClient _client = fixture.Api.CreateClient();

    [Fact]
    public async Task Enrolment_gives_a_secret_an_otpauth_uri_and_an_svg_qr_code_and_changes_nothing_until_confirmed()
    {
        var user = await TestUsers.SignUpAsync(_client);

        var enrolment = await BeginAsync(user);

        var secret = enrolment.GetProperty("secret").GetString()!;
        Assert.Equal(32, secret.Length);
        var uri = new Uri(enrolment.GetProperty("otpauth_uri").GetString()!);
        Assert.Equal("otpauth", uri.Scheme);
        Assert.Equal("totp", uri.Host);
        Assert.Contains($"secret={secret}", uri.Query);
        Assert.Contains("algorithm=SHA1&digits=6&period=30", uri.Query);
        Assert.Equal("svg", XDocument.Parse(enrolment.GetProperty("qr_svg").GetString()!).Root!.Name.LocalName);

        // Not confirmed: the login needs no code yet.
        Assert.True((await LogInAsync(user)).TryGetProperty("access_token", out _));
        Assert.False((await MeAsync(user.AccessToken)).GetProperty("mfa_enabled").GetBoolean());
    }

    [Fact]
    public async Task A_confirmed_authenticator_makes_the_login_ask_for_a_code()
    {
        var user = await TestUsers.SignUpAsync(_client);
        var (secret, recoveryCodes) = await EnableAsync(user);
        Assert.Equal(10, recoveryCodes.Length);
        Assert.True((await MeAsync(user.AccessToken)).GetProperty("mfa_enabled").GetBoolean());

        var first = await LogInAsync(user);
        Assert.True(first.GetProperty("mfa_required").GetBoolean());
        Assert.False(first.TryGetProperty("access_token", out _));
        Assert.InRange(first.GetProperty("expires_in").GetInt64(), 1, 300);

        // The enrolment used this step's code: the next step's code (accepted one step early) finishes the login.
        var response = await SecondStepAsync(first.GetProperty("mfa_token").GetString()!, CodeAt(secret, 30));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tokens = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(user.Id.ToString(), (await MeAsync(tokens.GetProperty("access_token").GetString()!)).GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_wrong_code_is_401_and_the_same_code_cannot_be_used_twice()
    {
        var user = await TestUsers.SignUpAsync(_client);
        var (secret, _) = await EnableAsync(user);
        var mfaToken = (await LogInAsync(user)).GetProperty("mfa_token").GetString()!;

        await (await SecondStepAsync(mfaToken, "000000" == CodeAt(secret, 30) ? "111111" : "000000")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await SecondStepAsync(mfaToken, CodeAt(secret, 30))).StatusCode);

        // The challenge is spent, and so is the code's step for any new challenge.
        await (await SecondStepAsync(mfaToken, CodeAt(secret, 30))).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var again = (await LogInAsync(user)).GetProperty("mfa_token").GetString()!;
        await (await SecondStepAsync(again, CodeAt(secret, 30))).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Each_recovery_code_works_once()
    {
        var user = await TestUsers.SignUpAsync(_client);
        var (_, recoveryCodes) = await EnableAsync(user);

        var login = (await LogInAsync(user)).GetProperty("mfa_token").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await SecondStepAsync(login, recoveryCodes[3].ToUpperInvariant())).StatusCode);

        var next = (await LogInAsync(user)).GetProperty("mfa_token").GetString()!;
        await (await SecondStepAsync(next, recoveryCodes[3])).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await SecondStepAsync(next, recoveryCodes[4])).StatusCode);
    }

    [Fact]
    public async Task Repeated_wrong_codes_lock_the_second_step_with_429_even_across_logins()
    {
        var user = await TestUsers.SignUpAsync(_client);
        var (secret, _) = await EnableAsync(user);
        var wrong = CodeAt(secret, 30) == "000000" ? "111111" : "000000";

        // Five wrong codes (the default AccountFailureLimit) over two logins: a right password does not reset the count.
        var statuses = new List<HttpStatusCode>();
        for (var login = 0; login < 2; login++)
        {
            var mfaToken = (await LogInAsync(user)).GetProperty("mfa_token").GetString()!;
            for (var guess = 0; guess < (login == 0 ? TwoFactorGrain.FailuresPerChallenge : 2); guess++)
                statuses.Add((await SecondStepAsync(mfaToken, wrong)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.All(statuses[..^1], status => Assert.Equal(HttpStatusCode.Unauthorized, status));

        var locked = await SecondStepAsync((await LogInAsync(user)).GetProperty("mfa_token").GetString()!, CodeAt(secret, 30));
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.NotNull(locked.Headers.RetryAfter);

        fixture.Clock.Advance(TimeSpan.FromMinutes(15));
        var mfa = (await LogInAsync(user)).GetProperty("mfa_token").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await SecondStepAsync(mfa, TotpAuthenticator.Code(Base32Encoding.ToBytes(secret), fixture.Clock.GetUtcNow()))).StatusCode);
    }

    [Fact]
    public async Task Turning_it_off_needs_the_password()
    {
        var user = await TestUsers.SignUpAsync(_client);
        await EnableAsync(user);
        var client = fixture.Api.CreateClient(user.AccessToken);

        await (await DisableAsync(client, "not the password")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.True((await LogInAsync(user)).GetProperty("mfa_required").GetBoolean());

        Assert.Equal(HttpStatusCode.NoContent, (await DisableAsync(client, user.Password)).StatusCode);
        Assert.True((await LogInAsync(user)).TryGetProperty("access_token", out _));
        Assert.False((await MeAsync(user.AccessToken)).GetProperty("mfa_enabled").GetBoolean());
    }

    [Fact]
    public async Task Confirming_with_a_wrong_code_is_400_and_enrolling_twice_is_409()
    {
        var user = await TestUsers.SignUpAsync(_client);
        var client = fixture.Api.CreateClient(user.AccessToken);
        await BeginAsync(user);

        await (await client.PostAsJsonAsync("/auth/mfa/totp/confirm", new { code = "12345" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await EnableAsync(user);
        await (await client.PostAsync("/auth/mfa/totp", null)).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"mfa_token":"garbage","code":"123456"}""")]
    public async Task A_bad_second_step_is_4xx(string body)
    {
        var response = await _client.PostAsync("/auth/login/mfa", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized });
        await response.AssertProblemAsync(response.StatusCode);
    }

    private string CodeAt(string base32Secret, int secondsFromNow) =>
        TotpAuthenticator.Code(Base32Encoding.ToBytes(base32Secret), fixture.Clock.GetUtcNow().AddSeconds(secondsFromNow));

    private async Task<(string Secret, string[] RecoveryCodes)> EnableAsync(TestUser user)
    {
        var secret = (await BeginAsync(user)).GetProperty("secret").GetString()!;
        var confirm = await fixture.Api.CreateClient(user.AccessToken).PostAsJsonAsync("/auth/mfa/totp/confirm", new { code = CodeAt(secret, 0) });
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        var codes = (await confirm.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recovery_codes").EnumerateArray().Select(c => c.GetString()!).ToArray();
        return (secret, codes);
    }

    private async Task<JsonElement> BeginAsync(TestUser user)
    {
        var response = await fixture.Api.CreateClient(user.AccessToken).PostAsync("/auth/mfa/totp", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> LogInAsync(TestUser user)
    {
        var response = await _client.PostAsJsonAsync("/auth/login", new { email = user.Email, password = user.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<HttpResponseMessage> SecondStepAsync(string mfaToken, string code) =>
        _client.PostAsJsonAsync("/auth/login/mfa", new { mfa_token = mfaToken, code });

    private static Task<HttpResponseMessage> DisableAsync(HttpClient client, string password) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/auth/mfa/totp") { Content = JsonContent.Create(new { password }) });

    private async Task<JsonElement> MeAsync(string accessToken) =>
        await fixture.Api.CreateClient(accessToken).GetFromJsonAsync<JsonElement>("/auth/me");
}
