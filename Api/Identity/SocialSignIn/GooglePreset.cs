using Microsoft.Extensions.Options;

namespace Api.Identity.SocialSignIn;

/// <summary>
/// Makes <c>google</c> a provider without an <c>Auth:Providers:google</c> section: its authority is preset and the
/// seed's <c>GOOGLE_CLIENT_ID</c>, <c>GOOGLE_CLIENT_SECRET</c> and <c>GOOGLE_REDIRECT_URI</c> fill what the section leaves out.
/// </summary>
internal sealed class GooglePreset(IConfiguration configuration) : IPostConfigureOptions<SocialSignInOptions>
{
    public const string Name = "google";
    public const string Authority = "https://accounts.google.com";

    public void PostConfigure(string? name, SocialSignInOptions options)
    {
        var google = options.Providers.GetValueOrDefault(Name) ?? new OpenIdConnectProviderOptions();
        google.Authority ??= Authority;
        google.ClientId ??= configuration["GOOGLE_CLIENT_ID"].NullIfBlank();
        google.ClientSecret ??= configuration["GOOGLE_CLIENT_SECRET"].NullIfBlank();
        google.RedirectUri ??= configuration["GOOGLE_REDIRECT_URI"].NullIfBlank();
        // Google documents both spellings of its issuer in id_tokens.
        if (google.Authority == Authority && google.AdditionalIssuers.Length == 0)
            google.AdditionalIssuers = ["accounts.google.com"];
        if (google.ClientId is not null)
            options.Providers[Name] = google;
    }
}
