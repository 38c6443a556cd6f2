using System.Text.Json;
using System.Text.RegularExpressions;

namespace Platform.Tests.Foundation;

/// <summary>What a newcomer opens first: the OpenAPI document and the reference page the README names.</summary>
public sealed partial class ReferencePageTests
{
    [Fact]
    public async Task The_reference_page_loads_with_every_script_and_stylesheet_it_names()
    {
        await using var api = new ApiFactory(new Dictionary<string, string?>(), kestrel: true);
        using var http = api.CreateKestrelClient();

        // As a browser: /scalar redirects to /scalar/, whose relative script paths then resolve.
        var page = await http.GetAsync("/scalar");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        var assets = Asset().Matches(html).Select(m => m.Groups["url"].Value).Where(u => !u.StartsWith("data:", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(assets);
        foreach (var asset in assets)
        {
            var url = new Uri(page.RequestMessage!.RequestUri!, asset);
            Assert.True(url.IsLoopback, $"the page loads {url} from elsewhere");
            Assert.True((await http.GetAsync(url)).StatusCode == HttpStatusCode.OK, $"{url} (named as {asset}) did not load");
        }
    }

    [Fact]
    public async Task The_OpenAPI_document_has_the_platform_s_name_and_only_its_operations()
    {
        await using var api = new ApiFactory();
        var document = await api.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.Equal("Orleans platform", document.GetProperty("info").GetProperty("title").GetString());
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/posts", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/dashboard", StringComparison.Ordinal));
    }

    [GeneratedRegex("""<(?:script[^>]*\ssrc|link[^>]*\shref)="(?<url>[^"]+)"[^>]*>""")]
    private static partial Regex Asset();
}
