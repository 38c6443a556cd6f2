namespace Api.Identity.SocialSignIn;

/// <summary>The social sign-in keys of the "Auth" section.</summary>
public sealed class SocialSignInOptions
{
    /// <summary>OpenID Connect providers by name (<c>Auth:Providers:{name}</c>); the name is the path segment of <c>/auth/{name}</c>.</summary>
    public Dictionary<string, OpenIdConnectProviderOptions> Providers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>When set, a finished sign-in redirects here with the tokens in the fragment instead of answering with the token body.</summary>
    public string? FrontEndRedirectUri { get; set; }

    /// <summary>Bounds each call to a provider (metadata, keys, token, UserInfo): a provider that does not answer is a 502, not a hang.</summary>
    public TimeSpan ProviderTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
