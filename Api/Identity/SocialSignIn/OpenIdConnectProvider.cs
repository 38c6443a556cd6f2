using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Grains.Interfaces.Identity;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Api.Identity.SocialSignIn;

/// <summary>
/// Any OpenID Connect issuer (Google is one with a preset authority): endpoints and signing keys from its discovery
/// document, the identity from a validated id_token, and the email claims from UserInfo when the id_token lacks them.
/// The flow around it (state, nonce, PKCE, code exchange, linking, answers) is <see cref="SocialSignInFlow"/>.
/// </summary>
public sealed class OpenIdConnectProvider
{
    private static readonly TimeSpan IdTokenClockSkew = TimeSpan.FromMinutes(2);

    private readonly OpenIdConnectProviderOptions _options;
    private readonly IHttpClientFactory _http;
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _metadata;
    private readonly JsonWebTokenHandler _tokens = new();

    public OpenIdConnectProvider(string name, OpenIdConnectProviderOptions options, IHttpClientFactory http)
    {
        Name = name;
        _options = options;
        _http = http;
        var retriever = new HttpDocumentRetriever(http.CreateClient(SocialSignInExtensions.HttpClientName)) { RequireHttps = options.RequireHttpsMetadata };
        _metadata = new ConfigurationManager<OpenIdConnectConfiguration>(
            $"{options.Authority!.TrimEnd('/')}/.well-known/openid-configuration", new OpenIdConnectConfigurationRetriever(), retriever);
    }

    /// <summary>Lower case; the path segment of <c>/auth/{name}</c> and the name listed in a user's <c>providers</c>.</summary>
    public string Name { get; }

    public string ClientId => _options.ClientId!;

    public string? ClientSecret => _options.ClientSecret;

    public string Scopes => _options.Scopes;

    /// <summary>The configured redirect URI, or null to derive it from the request.</summary>
    public string? RedirectUri => _options.RedirectUri;

    /// <exception cref="SocialSignInException">The provider's metadata cannot be had.</exception>
    public async Task<ProviderEndpoints> GetEndpointsAsync(CancellationToken cancellationToken)
    {
        var metadata = await MetadataAsync(cancellationToken);
        if (string.IsNullOrEmpty(metadata.AuthorizationEndpoint) || string.IsNullOrEmpty(metadata.TokenEndpoint))
            throw new SocialSignInException(SocialSignInFailure.ProviderUnavailable, $"The metadata of {Name} names no authorization or token endpoint.");
        return new ProviderEndpoints(metadata.AuthorizationEndpoint, metadata.TokenEndpoint);
    }

    /// <summary>Validates what the token endpoint returned against the flow and reads the identity from it.</summary>
    /// <exception cref="SocialSignInException">The identity is not valid or cannot be read.</exception>
    public async Task<ExternalIdentity> ReadIdentityAsync(ProviderTokens tokens, PendingSignIn flow, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(tokens.IdToken))
            throw Invalid("The token endpoint returned no id_token.");

        var claims = await ValidateIdTokenAsync(tokens.IdToken, cancellationToken);
        if (claims.GetValueOrDefault("nonce") is not string nonce
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(nonce), Encoding.UTF8.GetBytes(flow.Nonce)))
        {
            throw Invalid("The id_token's nonce is not the one this sign-in sent.");
        }

        if (claims.GetValueOrDefault("sub") is not string { Length: > 0 } subject)
            throw Invalid("The id_token has no subject.");

        if (!claims.ContainsKey("email") && tokens.AccessToken is { Length: > 0 } accessToken)
            claims = await ReadUserInfoAsync(accessToken, subject, claims, cancellationToken);

        return new ExternalIdentity(Name, subject, claims.GetValueOrDefault("email") as string,
            IsTrue(claims.GetValueOrDefault("email_verified")), claims.GetValueOrDefault("name") as string);
    }

    private async Task<OpenIdConnectConfiguration> MetadataAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _metadata.GetConfigurationAsync(cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new SocialSignInException(SocialSignInFailure.ProviderUnavailable, $"The metadata of {Name} could not be read.", innerException: e);
        }
    }

    private async Task<Dictionary<string, object>> ValidateIdTokenAsync(string idToken, CancellationToken cancellationToken)
    {
        for (var refreshed = false; ; refreshed = true)
        {
            var metadata = await MetadataAsync(cancellationToken);
            var result = await _tokens.ValidateTokenAsync(idToken, new TokenValidationParameters
            {
                ValidIssuers = [metadata.Issuer, .. _options.AdditionalIssuers],
                ValidAudience = ClientId,
                IssuerSigningKeys = metadata.SigningKeys,
                RequireSignedTokens = true,
                RequireExpirationTime = true,
                ValidateLifetime = true,
                ClockSkew = IdTokenClockSkew,
            });
            if (result.IsValid)
            {
                // OIDC Core §3.1.3.7: a token for several audiences must name us as its authorized party.
                if (result.SecurityToken is JsonWebToken token && token.Audiences.Skip(1).Any() && token.Azp != ClientId)
                    throw Invalid("The id_token has several audiences and another authorized party.");
                return new Dictionary<string, object>(result.Claims, StringComparer.Ordinal);
            }
            // The provider may have rotated its keys since the metadata was read.
            if (result.Exception is SecurityTokenSignatureKeyNotFoundException && !refreshed)
            {
                _metadata.RequestRefresh();
                continue;
            }
            throw Invalid($"The id_token is not valid: {result.Exception?.GetType().Name}.", result.Exception);
        }
    }

    /// <summary>The UserInfo claims over the id_token's; UserInfo's subject must be the id_token's (OIDC Core §5.3.2).</summary>
    private async Task<Dictionary<string, object>> ReadUserInfoAsync(
        string accessToken, string subject, Dictionary<string, object> claims, CancellationToken cancellationToken)
    {
        var endpoint = (await MetadataAsync(cancellationToken)).UserInfoEndpoint;
        if (string.IsNullOrEmpty(endpoint))
            return claims;

        using var request = new HttpRequestMessage(HttpMethod.Get, endpoint);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        JsonElement info;
        try
        {
            using var response = await _http.CreateClient(SocialSignInExtensions.HttpClientName).SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new SocialSignInException(SocialSignInFailure.ProviderUnavailable, $"The UserInfo endpoint of {Name} answered {(int)response.StatusCode}.");
            info = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
        {
            throw new SocialSignInException(SocialSignInFailure.ProviderUnavailable, $"The UserInfo endpoint of {Name} could not be read.", innerException: e);
        }

        if (info.ValueKind != JsonValueKind.Object || !info.TryGetProperty("sub", out var sub) || sub.GetString() != subject)
            throw Invalid("UserInfo is about another subject than the id_token.");
        var merged = new Dictionary<string, object>(claims, StringComparer.Ordinal);
        foreach (var name in (string[])["email", "email_verified", "name"])
        {
            if (info.TryGetProperty(name, out var value))
            {
                merged[name] = value.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => value.ToString(),
                };
            }
        }

        return merged;
    }

    /// <summary>Some providers send <c>email_verified</c> as the string "true".</summary>
    private static bool IsTrue(object? value) => value switch
    {
        bool b => b,
        string s => bool.TryParse(s, out var parsed) && parsed,
        _ => false,
    };

    private SocialSignInException Invalid(string message, Exception? inner = null) =>
        new(SocialSignInFailure.InvalidIdentity, $"{Name}: {message}", innerException: inner);
}
