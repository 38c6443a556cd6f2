namespace Api.Identity.SocialSignIn;

/// <summary>Where a provider's authorization-code flow takes place.</summary>
public sealed record ProviderEndpoints(string AuthorizationEndpoint, string TokenEndpoint);
