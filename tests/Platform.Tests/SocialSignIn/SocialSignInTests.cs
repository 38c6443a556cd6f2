using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Platform.Tests.Identity;

namespace Platform.Tests.SocialSignIn;

/// <summary>GET /auth/{provider} and its callback against real OpenID Providers on loopback.</summary>
[Collection(SocialSignInCollection.Name)]
public sealed class SocialSignInTests(SocialSignInFixture fixture)
{
    private readonly SocialSignInClient _client = new(fixture.Api);

    [Fact]
    public async Task Start_redirects_to_the_authorize_url_with_state_nonce_and_an_S256_challenge()
    {
        var authorize = new Uri(await _client.StartAsync("oidc"));
        var query = QueryHelpers.ParseQuery(authorize.Query);

        Assert.StartsWith(fixture.Main.Issuer, authorize.ToString());
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("platform", query["client_id"]);
        Assert.Equal("openid email profile", query["scope"]);
        Assert.Equal($"{SocialSignInFixture.CallbackPrefix}oidc/callback", query["redirect_uri"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal(43, query["code_challenge"].ToString().Length);
        Assert.True(query["state"].ToString().Length >= 43);
        Assert.True(query["nonce"].ToString().Length >= 43);
        Assert.NotEqual(query["state"], query["nonce"]);
    }

    [Fact]
    public async Task Unknown_provider_is_404()
    {
        await (await _client.Http.GetAsync("/auth/nosuch")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.Http.GetAsync("/auth/nosuch/callback?code=x&state=y")).AssertProblemAsync(HttpStatusCode.NotFound);
        // Google is preset but needs GOOGLE_CLIENT_ID, which these settings lack.
        await (await _client.Http.GetAsync("/auth/google")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_full_sign_in_creates_a_user_and_returns_working_tokens()
    {
        var response = await _client.SignInAsync("oidc", "alice");

        var body = await TokenBody(response);
        var user = body.GetProperty("user");
        Assert.Equal("alice@example.com", user.GetProperty("email").GetString());
        Assert.Equal("Alice Provider", user.GetProperty("full_name").GetString());
        Assert.Equal(["oidc"], Providers(user));
        Assert.Equal("bearer", body.GetProperty("token_type").GetString());

        var me = await fixture.Api.CreateClient(body.GetProperty("access_token").GetString()!).GetFromJsonAsync<JsonElement>("/auth/me");
        Assert.Equal(user.GetProperty("id").GetString(), me.GetProperty("id").GetString());
        Assert.Equal(["oidc"], Providers(me));
        var refresh = await _client.Http.PostAsJsonAsync("/auth/refresh", new { refresh_token = body.GetProperty("refresh_token").GetString() });
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        // The account has no password.
        var login = await _client.Http.PostAsJsonAsync("/auth/login", new { email = "alice@example.com", password = "any password at all" });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Fact]
    public async Task A_second_sign_in_returns_the_same_user()
    {
        var first = await TokenBody(await _client.SignInAsync("oidc", "frank"));
        var second = await TokenBody(await _client.SignInAsync("oidc", "frank"));

        Assert.Equal(UserId(first), UserId(second));
        Assert.NotEqual(first.GetProperty("refresh_token").GetString(), second.GetProperty("refresh_token").GetString());
        Assert.Equal(["oidc"], Providers(second.GetProperty("user")));
    }

    [Fact]
    public async Task A_verified_email_links_to_the_existing_password_account_whose_email_is_verified()
    {
        var account = await TestUsers.SignUpAsync(_client.Http, "Bob@Example.com");
        var mail = await AccountMails.WaitInDropFolderAsync(fixture.Api.DataDirectory, account.Email, AccountMails.VerificationSubject);
        Assert.Equal(HttpStatusCode.OK, (await _client.Http.PostAsJsonAsync("/auth/verify-email", new { token = AccountMails.Token(mail) })).StatusCode);

        var body = await TokenBody(await _client.SignInAsync("oidc", "bob"));

        Assert.Equal(account.Id.ToString(), UserId(body));
        var me = await fixture.Api.CreateClient(body.GetProperty("access_token").GetString()!).GetFromJsonAsync<JsonElement>("/auth/me");
        Assert.Equal(["password", "oidc"], Providers(me));
        var login = await _client.Http.PostAsJsonAsync("/auth/login", new { email = account.Email, password = account.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task A_verified_email_does_not_link_to_an_account_whose_owner_never_verified_it()
    {
        // Whoever signed up first with somebody's address must not receive that person's social sign-in.
        var squatter = await TestUsers.SignUpAsync(_client.Http, "grace@example.com");

        var body = await TokenBody(await _client.SignInAsync("oidc", "grace"));

        Assert.NotEqual(squatter.Id.ToString(), UserId(body));
        Assert.Equal(["oidc"], Providers(body.GetProperty("user")));
        Assert.True(body.GetProperty("user").GetProperty("email_verified").GetBoolean());
        var squatters = await fixture.Api.CreateClient(squatter.AccessToken).GetFromJsonAsync<JsonElement>("/auth/me");
        Assert.Equal(["password"], Providers(squatters));
    }

    [Fact]
    public async Task An_unverified_email_does_not_link()
    {
        var account = await TestUsers.SignUpAsync(_client.Http, "carol@example.com");

        var body = await TokenBody(await _client.SignInAsync("oidc", "carol"));

        Assert.NotEqual(account.Id.ToString(), UserId(body));
        Assert.Equal(["oidc"], Providers(body.GetProperty("user")));
        var owner = await fixture.Api.CreateClient(account.AccessToken).GetFromJsonAsync<JsonElement>("/auth/me");
        Assert.Equal(["password"], Providers(owner));
        // The address stays the password account's: signing up with it is still refused, logging in still works.
        var login = await _client.Http.PostAsJsonAsync("/auth/login", new { email = account.Email, password = account.Password });
        Assert.Equal(account.Id.ToString(), (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("user").GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_replayed_state_is_400()
    {
        var callback = await _client.AuthorizeAsync("oidc", "erin");
        await TokenBody(await _client.CallbackAsync(callback));

        var replay = await _client.CallbackAsync(callback);

        await replay.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/auth/oidc/callback?code=abc")]
    [InlineData("/auth/oidc/callback?code=abc&state=never-issued-by-us-but-forty-three-chars-ok")]
    [InlineData("/auth/oidc/callback/?code=abc&state=")]
    public async Task A_missing_or_unknown_state_is_400(string path) =>
        await (await _client.Http.GetAsync(path)).AssertProblemAsync(HttpStatusCode.BadRequest);

    [Fact]
    public async Task A_state_started_for_another_provider_is_400()
    {
        var callback = await _client.AuthorizeAsync("oidc", "erin");
        var elsewhere = callback.PathAndQuery.Replace("/auth/oidc/", "/auth/second/", StringComparison.Ordinal);

        await (await _client.Http.GetAsync(elsewhere)).AssertProblemAsync(HttpStatusCode.BadRequest);
        // Taken by the wrong callback, it is spent.
        await (await _client.CallbackAsync(callback)).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_wrong_nonce_is_refused()
    {
        var response = await _client.SignInAsync("oidc-nonce", "gina");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Sign-in not verified", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_tampered_id_token_is_refused()
    {
        var response = await _client.SignInAsync("oidc-forged", "gina");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Sign-in not verified", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_provider_error_at_the_callback_is_400_with_its_code()
    {
        var callback = await ProviderBrowser.AbortAsync(await _client.StartAsync("oidc"), SocialSignInFixture.CallbackPrefix);

        var problem = await (await _client.CallbackAsync(callback)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("access_denied", problem.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_token_endpoint_error_is_400_with_its_code()
    {
        var response = await _client.SignInAsync("oidc-badsecret", "gina");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("invalid_client", problem.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("down")]
    [InlineData("silent")]
    public async Task A_provider_that_is_down_or_silent_is_a_502_within_the_timeout(string provider)
    {
        var clock = Stopwatch.StartNew();
        var response = await _client.Http.GetAsync($"/auth/{provider}");

        await response.AssertProblemAsync(HttpStatusCode.BadGateway);
        Assert.True(clock.Elapsed < SocialSignInFixture.ProviderTimeout * 2 + TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_provider_that_goes_down_during_the_sign_in_is_a_502()
    {
        var callback = await _client.AuthorizeAsync("fragile", "gina");
        await fixture.Fragile.DisposeAsync();

        await (await _client.CallbackAsync(callback)).AssertProblemAsync(HttpStatusCode.BadGateway);
    }

    [Fact]
    public async Task A_second_provider_added_by_configuration_works_in_the_same_run()
    {
        var first = await TokenBody(await _client.SignInAsync("oidc", "dave"));
        var second = await TokenBody(await _client.SignInAsync("second", "dave"));

        // Both providers verify dave's email, so the second links to the account the first created.
        Assert.Equal(UserId(first), UserId(second));
        var me = await fixture.Api.CreateClient(second.GetProperty("access_token").GetString()!).GetFromJsonAsync<JsonElement>("/auth/me");
        Assert.Equal(["oidc", "second"], Providers(me));
    }

    private static async Task<JsonElement> TokenBody(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private static string UserId(JsonElement tokenBody) => tokenBody.GetProperty("user").GetProperty("id").GetString()!;

    private static string[] Providers(JsonElement user) => [.. user.GetProperty("providers").EnumerateArray().Select(p => p.GetString()!)];
}
