using System.Text.RegularExpressions;

namespace Platform.Tests.SocialSignIn;

/// <summary>
/// Plays the user's browser at the test provider: follows its redirects with cookies, fills in the development
/// login and consent forms, and stops at the redirect back to the Api.
/// </summary>
public static partial class ProviderBrowser
{
    /// <summary>Signs in as <paramref name="login"/> and returns the callback URL the provider redirects to.</summary>
    public static Task<Uri> SignInAsync(string authorizeUrl, string login, string callbackPrefix) =>
        BrowseAsync(authorizeUrl, callbackPrefix, prompt => prompt switch
        {
            "login" => [new("prompt", "login"), new("login", login), new("password", "any")],
            "consent" => [new("prompt", "consent")],
            _ => throw new InvalidOperationException($"Unexpected prompt '{prompt}'."),
        }, abort: false);

    /// <summary>Cancels at the login form, as a user who declines; the provider redirects back with an error.</summary>
    public static Task<Uri> AbortAsync(string authorizeUrl, string callbackPrefix) =>
        BrowseAsync(authorizeUrl, callbackPrefix, _ => [], abort: true);

    private static async Task<Uri> BrowseAsync(string authorizeUrl, string callbackPrefix, Func<string, KeyValuePair<string, string>[]> form, bool abort)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new() })
        {
            Timeout = TimeSpan.FromSeconds(10),
        };
        var url = new Uri(authorizeUrl);
        HttpResponseMessage? pending = null;
        for (var step = 0; step < 20; step++)
        {
            if (url.ToString().StartsWith(callbackPrefix, StringComparison.Ordinal))
                return url;

            using var response = pending ?? await browser.GetAsync(url);
            pending = null;
            if ((int)response.StatusCode is >= 300 and < 400)
            {
                url = new Uri(url, response.Headers.Location!);
                continue;
            }

            var page = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK || PromptInput().Match(page) is not { Success: true } prompt)
                throw new InvalidOperationException($"The provider answered {(int)response.StatusCode} at {url}:\n{page}");
            if (abort)
            {
                url = new Uri(url, url.AbsolutePath + "/abort");
                continue;
            }
            var action = new Uri(url, WebUtility.HtmlDecode(FormAction().Match(page).Groups[1].Value));
            pending = await browser.PostAsync(action, new FormUrlEncodedContent(form(prompt.Groups[1].Value)));
            url = action;
        }
        throw new InvalidOperationException("The provider never redirected back to the Api.");
    }

    [GeneratedRegex(@"name=""prompt"" value=""(\w+)""")]
    private static partial Regex PromptInput();

    [GeneratedRegex(@"<form[^>]*action=""([^""]+)""")]
    private static partial Regex FormAction();
}
