using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Api.Identity.SocialSignIn;

/// <summary>Lists every unusable social sign-in setting at startup, each with the key to fix.</summary>
internal sealed partial class SocialSignInOptionsValidator : IValidateOptions<SocialSignInOptions>
{
    /// <summary>The fixed paths under /auth, which would hide a provider of the same name.</summary>
    private static readonly HashSet<string> ReservedNames = new(["signup", "login", "refresh", "logout", "me", "verify"], StringComparer.OrdinalIgnoreCase);

    public ValidateOptionsResult Validate(string? name, SocialSignInOptions options)
    {
        var failures = new List<string>();
        if (options.ProviderTimeout <= TimeSpan.Zero)
            failures.Add("Auth:ProviderTimeout must be positive.");
        if (options.FrontEndRedirectUri is { } frontEnd && !IsAbsoluteHttp(frontEnd))
            failures.Add("Auth:FrontEndRedirectUri must be an absolute http(s) URL.");

        foreach (var (provider, settings) in options.Providers)
        {
            var key = $"Auth:Providers:{provider}";
            if (!ProviderName().IsMatch(provider))
                failures.Add($"{key}: a provider name may only have letters, digits, '-' and '_' (it is a path segment).");
            else if (ReservedNames.Contains(provider))
                failures.Add($"{key}: '{provider}' is taken by another /auth endpoint; choose another provider name.");
            if (settings.Authority is null || !IsAbsoluteHttp(settings.Authority))
                failures.Add($"{key}:Authority must be the issuer's absolute URL.");
            else if (settings.RequireHttpsMetadata && !settings.Authority.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                failures.Add($"{key}:Authority must use https (or set {key}:RequireHttpsMetadata to false, for tests only).");
            if (string.IsNullOrWhiteSpace(settings.ClientId))
                failures.Add($"{key}:ClientId is required.");
            if (settings.RedirectUri is { } redirect && !IsAbsoluteHttp(redirect))
                failures.Add($"{key}:RedirectUri must be an absolute http(s) URL.");
            if (!settings.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("openid"))
                failures.Add($"{key}:Scopes must include 'openid'.");
        }
        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }

    private static bool IsAbsoluteHttp(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex ProviderName();
}
