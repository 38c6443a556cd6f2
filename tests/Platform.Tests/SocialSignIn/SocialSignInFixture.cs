using Platform.Tests.Identity;

namespace Platform.Tests.SocialSignIn;

/// <summary>
/// Three real OpenID Providers on loopback and one Api configured, by settings alone, with these providers:
/// <c>oidc</c> (email in UserInfo), <c>second</c> (another issuer, email in the id_token), <c>fragile</c> (a
/// provider a test kills), <c>oidc-nonce</c> and <c>oidc-forged</c> (clients for which the provider misbehaves),
/// <c>oidc-badsecret</c> (a wrong client secret), <c>down</c> (a closed port) and <c>silent</c> (never answers).
/// </summary>
public sealed class SocialSignInFixture : IAsyncLifetime
{
    /// <summary>The base URL of the in-memory test server, from which the default redirect URIs derive.</summary>
    public const string ApiBase = "http://localhost";
    public const string CallbackPrefix = ApiBase + "/auth/";
    public static readonly TimeSpan ProviderTimeout = TimeSpan.FromSeconds(3);

    public static readonly IReadOnlyDictionary<string, OidcUser> Users = new Dictionary<string, OidcUser>
    {
        ["alice"] = new("alice@example.com", true, "Alice Provider"),
        ["frank"] = new("frank@example.com", true, "Frank Provider"),
        ["bob"] = new("bob@example.com", true, "Bob Provider"),
        ["carol"] = new("carol@example.com", false, "Carol Provider"),
        ["erin"] = new("erin@example.com", true, "Erin Provider"),
        ["dave"] = new("dave@example.com", true, "Dave Provider"),
        ["gina"] = new("gina@example.com", true, "Gina Provider"),
        ["grace"] = new("grace@example.com", true, "Grace Provider"),
    };

    private readonly SilentServer _silent = new();
    private readonly int _closedPort = FreePort.Next();

    public OidcProviderProcess Main { get; private set; } = null!;

    public OidcProviderProcess Second { get; private set; } = null!;

    public OidcProviderProcess Fragile { get; private set; } = null!;

    public ApiFactory Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var starting = new[]
        {
            OidcProviderProcess.StartAsync(
            [
                new("platform", "platform-secret", [Callback("oidc"), Callback("oidc-badsecret"), Callback("google")]),
                new("nonce-client", "nonce-secret", [Callback("oidc-nonce")], Tamper: "nonce"),
                new("forged-client", "forged-secret", [Callback("oidc-forged")], Tamper: "signature"),
            ], Users),
            OidcProviderProcess.StartAsync([new("second-client", "second-secret", [Callback("second")])], Users, idTokenClaims: true),
            OidcProviderProcess.StartAsync([new("fragile-client", "fragile-secret", [Callback("fragile")])], Users),
        };
        (Main, Second, Fragile) = (await starting[0], await starting[1], await starting[2]);
        Api = new ApiFactory(Settings());
    }

    /// <summary>The Api's settings for every provider, plus <paramref name="extra"/>.</summary>
    public Dictionary<string, string?> Settings(IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?> { ["Auth:ProviderTimeout"] = ProviderTimeout.ToString() };
        void Provider(string name, string authority, string clientId, string secret)
        {
            settings[$"Auth:Providers:{name}:Authority"] = authority;
            settings[$"Auth:Providers:{name}:ClientId"] = clientId;
            settings[$"Auth:Providers:{name}:ClientSecret"] = secret;
            settings[$"Auth:Providers:{name}:RequireHttpsMetadata"] = "false";
        }
        Provider("oidc", Main.Issuer, "platform", "platform-secret");
        Provider("oidc-nonce", Main.Issuer, "nonce-client", "nonce-secret");
        Provider("oidc-forged", Main.Issuer, "forged-client", "forged-secret");
        Provider("oidc-badsecret", Main.Issuer, "platform", "not-the-secret");
        Provider("second", Second.Issuer, "second-client", "second-secret");
        Provider("fragile", Fragile.Issuer, "fragile-client", "fragile-secret");
        Provider("down", $"http://127.0.0.1:{_closedPort}", "down-client", "down-secret");
        Provider("silent", $"http://127.0.0.1:{_silent.Port}", "silent-client", "silent-secret");
        return IdentityApiFactory.Settings(extra is null ? settings : settings.Concat(extra).ToDictionary());
    }

    public async Task DisposeAsync()
    {
        Api?.Dispose();
        foreach (var provider in new[] { Main, Second, Fragile })
        {
            if (provider is not null)
                await provider.DisposeAsync();
        }

        _silent.Dispose();
    }

    private static string Callback(string provider) => $"{CallbackPrefix}{provider}/callback";
}
