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

    /// <summary>
    /// In Debian's Chromium, driven by puppeteer-core (tests/browser): the page renders, no request fails or leaves
    /// the machine (any outside host fails here, where there is no network), no script logs an error, and its
    /// sidebar lists every tag of the OpenAPI document and an operation's path.
    /// </summary>
    [Fact]
    public async Task The_reference_page_renders_the_operations_in_a_real_browser_without_a_failed_request()
    {
        await using var api = new ApiFactory(new Dictionary<string, string?>(), kestrel: true);
        using var http = api.CreateKestrelClient();
        var document = await http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var tags = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject())
            .SelectMany(o => o.Value.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!))
            .Distinct().ToList();
        Assert.Contains("Events", tags);

        var report = await BrowserPage.OpenAsync(new Uri(api.Address!, "/scalar"), [.. tags, "/auth/login"]);

        Assert.True(report.Failed.Count == 0, $"requests failed: {string.Join(", ", report.Failed)}");
        Assert.True(report.ConsoleErrors.Count == 0, $"console errors: {string.Join(", ", report.ConsoleErrors)}");
        Assert.Equal("Orleans platform", report.Title);
        var absent = report.Found.Where(f => !f.Value).Select(f => f.Key).ToList();
        Assert.True(absent.Count == 0, $"not on the page: {string.Join(", ", absent)}");
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

    [Fact]
    public async Task Every_answer_with_a_body_declares_its_schema_and_every_refusal_is_a_problem()
    {
        await using var api = new ApiFactory();
        var document = await api.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var missing = new List<string>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                foreach (var response in operation.Value.GetProperty("responses").EnumerateObject())
                {
                    var status = int.Parse(response.Name, System.Globalization.CultureInfo.InvariantCulture);
                    var name = $"{operation.Name.ToUpperInvariant()} {path.Name} {status}";
                    var hasContent = response.Value.TryGetProperty("content", out var content);
                    if (status is 204 or (>= 300 and < 400))
                    {
                        if (hasContent) missing.Add($"{name}: a body where there is none");
                        continue;
                    }
                    var media = hasContent ? content.EnumerateObject().ToList() : [];
                    if (media.Count == 0 || media.Any(m => !m.Value.TryGetProperty("schema", out _)))
                        missing.Add($"{name}: no schema");
                    else if (status >= 400 && media.Any(m => m.Name != ProblemAssertions.ProblemJson))
                        missing.Add($"{name}: not a problem");
                }
            }
        }
        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
    }

    [GeneratedRegex("""<(?:script[^>]*\ssrc|link[^>]*\shref)="(?<url>[^"]+)"[^>]*>""")]
    private static partial Regex Asset();
}
