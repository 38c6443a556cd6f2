using System.Text.Json;
using Api.Identity.SocialSignIn;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Platform.Tests.Identity;

namespace Platform.Tests.SocialSignIn;

/// <summary>Settings that change the flow: the Google preset, a front-end redirect, the flow lifetime, several Api nodes.</summary>
[Collection(SocialSignInCollection.Name)]
public sealed class SocialSignInSettingsTests(SocialSignInFixture fixture)
{
    [Fact]
    public async Task Google_is_preset_from_the_seed_variables()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GOOGLE_CLIENT_ID"] = "id.apps.googleusercontent.com",
            ["GOOGLE_CLIENT_SECRET"] = "google-secret",
            ["GOOGLE_REDIRECT_URI"] = "https://platform.example.com/auth/google/callback",
        }).Build();
        var options = new SocialSignInOptions();

        new GooglePreset(configuration).PostConfigure(Options.DefaultName, options);

        var google = options.Providers["Google"];
        Assert.Equal("https://accounts.google.com", google.Authority);
        Assert.Equal("id.apps.googleusercontent.com", google.ClientId);
        Assert.Equal("google-secret", google.ClientSecret);
        Assert.Equal("https://platform.example.com/auth/google/callback", google.RedirectUri);
        Assert.Equal("openid email profile", google.Scopes);
        Assert.True(google.RequireHttpsMetadata);
        Assert.True(new SocialSignInOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Unusable_provider_settings_are_listed_with_their_keys()
    {
        var options = new SocialSignInOptions();
        options.Providers["plain"] = new() { Authority = "http://idp.example.com", ClientId = "a" };
        options.Providers["no id"] = new() { Authority = "https://idp.example.com", Scopes = "email" };
        options.Providers["me"] = new() { Authority = "https://idp.example.com", ClientId = "a" };

        var result = new SocialSignInOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("Auth:Providers:plain:Authority must use https", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Auth:Providers:no id: a provider name", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Auth:Providers:no id:ClientId", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Auth:Providers:no id:Scopes", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Auth:Providers:me: 'me' is taken", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Google_with_the_seed_variables_signs_in_and_redirects_to_the_front_end_with_the_tokens_in_the_fragment()
    {
        // The preset's authority is moved to the loopback provider, so nothing reaches the internet.
        using var api = new ApiFactory(fixture.Settings(new Dictionary<string, string?>
        {
            ["GOOGLE_CLIENT_ID"] = "platform",
            ["GOOGLE_CLIENT_SECRET"] = "platform-secret",
            ["GOOGLE_REDIRECT_URI"] = $"{SocialSignInFixture.CallbackPrefix}google/callback",
            ["Auth:Providers:google:Authority"] = fixture.Main.Issuer,
            ["Auth:Providers:google:RequireHttpsMetadata"] = "false",
            ["Auth:FrontEndRedirectUri"] = "https://app.example.com/signed-in",
        }));

        var response = await new SocialSignInClient(api).SignInAsync("google", "alice");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal("https://app.example.com/signed-in", location.GetLeftPart(UriPartial.Path));
        var fragment = QueryHelpers.ParseQuery(location.Fragment.TrimStart('#'));
        Assert.Equal("bearer", fragment["token_type"]);
        Assert.Equal("900", fragment["expires_in"]);
        var me = await api.CreateClient(fragment["access_token"].ToString()).GetFromJsonAsync<JsonElement>("/auth/me");
        Assert.Equal(fragment["user_id"], me.GetProperty("id").GetString());
        Assert.Equal("google", Assert.Single(me.GetProperty("providers").EnumerateArray()).GetString());
        var refresh = await api.CreateClient().PostAsJsonAsync("/auth/refresh", new { refresh_token = fragment["refresh_token"].ToString() });
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
    }

    [Fact]
    public async Task An_expired_state_is_400()
    {
        var clock = new TestClock();
        using var api = new ApiFactory(fixture.Settings(new Dictionary<string, string?> { ["Auth:SignInFlowLifetime"] = "00:05:00" }), clock: clock);
        var client = new SocialSignInClient(api);
        var callback = await client.AuthorizeAsync("oidc", "erin");

        clock.Advance(TimeSpan.FromMinutes(5));

        var problem = await (await client.CallbackAsync(callback)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Invalid sign-in state", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_sign_in_started_on_one_Api_node_finishes_on_another()
    {
        var settings = fixture.Settings(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Orleans"] = await PostgresServer.CreateDatabaseAsync(),
            ["Orleans:HostSilo"] = "true",
            ["Orleans:ClusterId"] = $"test-{Guid.NewGuid():N}",
            ["Orleans:AdvertisedIP"] = "127.0.0.1",
        });
        using var nodeA = new ApiFactory(settings);
        using var nodeB = new ApiFactory(settings);
        var onA = new SocialSignInClient(nodeA);
        var onB = new SocialSignInClient(nodeB);
        await nodeA.WaitForActiveSilosAsync(2);
        await nodeB.WaitForActiveSilosAsync(2);

        var callback = await onA.AuthorizeAsync("oidc", "alice");
        var response = await onB.CallbackAsync(callback);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await (await onA.CallbackAsync(callback)).AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}
