using Microsoft.Extensions.Options;

namespace Api.Identity.SocialSignIn;

/// <summary>The configured providers by name (case-insensitive); each keeps its metadata cached for all requests.</summary>
public sealed class ExternalProviderRegistry(IOptions<SocialSignInOptions> options, IHttpClientFactory http)
{
    private readonly Dictionary<string, OpenIdConnectProvider> _providers = options.Value.Providers.ToDictionary(
        p => p.Key.ToLowerInvariant(),
        p => new OpenIdConnectProvider(p.Key.ToLowerInvariant(), p.Value, http),
        StringComparer.OrdinalIgnoreCase);

    public OpenIdConnectProvider? Find(string name) => _providers.GetValueOrDefault(name);
}
