namespace Api.Identity.SocialSignIn;

/// <summary>One OpenID Connect provider (<c>Auth:Providers:{name}</c>).</summary>
public sealed class OpenIdConnectProviderOptions
{
    public const string DefaultScopes = "openid email profile";

    /// <summary>The issuer; its metadata is read from <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>Sent with HTTP Basic authentication at the token endpoint; without it the client is public and sends only its id.</summary>
    public string? ClientSecret { get; set; }

    public string Scopes { get; set; } = DefaultScopes;

    /// <summary>Defaults to <c>{public base URL of the request}/auth/{name}/callback</c>; must be registered at the provider.</summary>
    public string? RedirectUri { get; set; }

    /// <summary>False allows metadata and keys over plain HTTP (a provider on loopback in tests); never in production.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Other spellings of the issuer that id_tokens may carry besides the metadata's <c>issuer</c>.</summary>
    public string[] AdditionalIssuers { get; set; } = [];
}
