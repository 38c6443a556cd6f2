using Grains.Interfaces.Identity;

namespace Api.Identity.SocialSignIn;

/// <summary>
/// A provider as the sign-in flow sees it. The flow (state, nonce, PKCE, code exchange, linking, answers) is the
/// same for every provider; a kind of provider only says where its endpoints are and how it tells who signed in.
/// </summary>
public abstract class ExternalProvider(string name, string clientId, string? clientSecret, string scopes, string? redirectUri)
{
    /// <summary>Lower case; the path segment of <c>/auth/{name}</c> and the name listed in a user's <c>providers</c>.</summary>
    public string Name { get; } = name;

    public string ClientId { get; } = clientId;

    public string? ClientSecret { get; } = clientSecret;

    public string Scopes { get; } = scopes;

    /// <summary>The configured redirect URI, or null to derive it from the request.</summary>
    public string? RedirectUri { get; } = redirectUri;

    /// <exception cref="SocialSignInException">The provider's metadata cannot be had.</exception>
    public abstract Task<ProviderEndpoints> GetEndpointsAsync(CancellationToken cancellationToken);

    /// <summary>Validates what the token endpoint returned against the flow and reads the identity from it.</summary>
    /// <exception cref="SocialSignInException">The identity is not valid or cannot be read.</exception>
    public abstract Task<ExternalIdentity> ReadIdentityAsync(ProviderTokens tokens, PendingSignIn flow, CancellationToken cancellationToken);
}
