using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Grains.Interfaces.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace Api.Identity.SocialSignIn;

/// <summary>The authorization-code flow with state, nonce and PKCE S256, the same for every provider.</summary>
public sealed class SocialSignInFlow(IGrainFactory grains, IHttpClientFactory http)
{
    private static readonly JsonSerializerOptions TokenJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Records a new flow for whichever Api node gets the callback, and returns the provider's authorize URL.</summary>
    public async Task<string> StartAsync(OpenIdConnectProvider provider, HttpRequest request, CancellationToken cancellationToken)
    {
        var endpoints = await provider.GetEndpointsAsync(cancellationToken);
        var state = Pkce.NewRandomValue();
        var flow = new PendingSignIn(provider.Name, Pkce.NewRandomValue(), Pkce.NewRandomValue(),
            provider.RedirectUri ?? $"{request.Scheme}://{request.Host}{request.PathBase}/auth/{provider.Name}/callback");
        await grains.GetGrain<ISignInFlowGrain>(state).StartAsync(flow);

        return QueryHelpers.AddQueryString(endpoints.AuthorizationEndpoint, new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = provider.ClientId,
            ["redirect_uri"] = flow.RedirectUri,
            ["scope"] = provider.Scopes,
            ["state"] = state,
            ["nonce"] = flow.Nonce,
            ["code_challenge"] = Pkce.S256Challenge(flow.CodeVerifier),
            ["code_challenge_method"] = "S256",
        });
    }

    /// <summary>Exchanges the code and returns who signed in.</summary>
    /// <exception cref="SocialSignInException">The provider refused, failed, or returned an identity that does not validate.</exception>
    public async Task<ExternalIdentity> CompleteAsync(OpenIdConnectProvider provider, PendingSignIn flow, string code, CancellationToken cancellationToken)
    {
        var endpoints = await provider.GetEndpointsAsync(cancellationToken);
        var tokens = await ExchangeAsync(provider, endpoints.TokenEndpoint, flow, code, cancellationToken);
        return await provider.ReadIdentityAsync(tokens, flow, cancellationToken);
    }

    private async Task<ProviderTokens> ExchangeAsync(OpenIdConnectProvider provider, string tokenEndpoint, PendingSignIn flow, string code, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = flow.RedirectUri,
            ["code_verifier"] = flow.CodeVerifier,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, tokenEndpoint);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (provider.ClientSecret is { } secret)
        {
            // RFC 6749 §2.3.1: both parts form-encoded before Basic encoding.
            var credentials = $"{Uri.EscapeDataString(provider.ClientId)}:{Uri.EscapeDataString(secret)}";
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }
        else
        {
            form["client_id"] = provider.ClientId;
        }
        request.Content = new FormUrlEncodedContent(form);

        string body;
        HttpResponseMessage response;
        try
        {
            response = await http.CreateClient(SocialSignInExtensions.HttpClientName).SendAsync(request, cancellationToken);
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new SocialSignInException(SocialSignInFailure.ProviderUnavailable, $"The token endpoint of {provider.Name} could not be reached.", innerException: e);
        }

        using (response)
        {
            var tokens = Parse(body);
            if (tokens?.Error is { Length: > 0 } error)
            {
                throw new SocialSignInException(SocialSignInFailure.ProviderError,
                    tokens.ErrorDescription ?? $"The token endpoint of {provider.Name} refused the code.", error);
            }

            if (!response.IsSuccessStatusCode || tokens is null || string.IsNullOrEmpty(tokens.AccessToken))
            {
                throw new SocialSignInException(SocialSignInFailure.ProviderUnavailable,
                    $"The token endpoint of {provider.Name} answered {(int)response.StatusCode} without usable tokens.");
            }

            return tokens;
        }
    }

    private static ProviderTokens? Parse(string body)
    {
        try
        {
            return JsonSerializer.Deserialize<ProviderTokens>(body, TokenJson);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
