namespace Api.Identity.SocialSignIn;

/// <summary>A token endpoint's answer (RFC 6749 §5.1, §5.2), read with snake_case names.</summary>
public sealed record ProviderTokens(string? AccessToken, string? IdToken, string? TokenType, string? Error, string? ErrorDescription);
