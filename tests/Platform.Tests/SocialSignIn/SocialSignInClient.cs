using Microsoft.AspNetCore.Mvc.Testing;

namespace Platform.Tests.SocialSignIn;

/// <summary>Drives sign-ins through an Api: start, the provider's pages, the callback.</summary>
public sealed class SocialSignInClient(WebApplicationFactory<Program> api)
{
    public HttpClient Http { get; } = api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>GET /auth/{provider}: must redirect; returns the provider's authorize URL.</summary>
    public async Task<string> StartAsync(string provider)
    {
        var response = await Http.GetAsync($"/auth/{provider}");
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"GET /auth/{provider} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response.Headers.Location!.ToString();
    }

    /// <summary>The provider's redirect back to the Api, after signing in there as <paramref name="login"/>.</summary>
    public async Task<Uri> AuthorizeAsync(string provider, string login) =>
        await ProviderBrowser.SignInAsync(await StartAsync(provider), login, SocialSignInFixture.CallbackPrefix);

    public Task<HttpResponseMessage> CallbackAsync(Uri callback) => Http.GetAsync(callback.PathAndQuery);

    /// <summary>A whole sign-in; returns the callback's answer.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string provider, string login) => await CallbackAsync(await AuthorizeAsync(provider, login));
}
