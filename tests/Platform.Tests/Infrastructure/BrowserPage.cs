using System.Diagnostics;
using System.Text.Json;

namespace Platform.Tests.Infrastructure;

/// <summary>
/// A page opened in headless Chromium by <c>tests/browser/open-page.mjs</c> (puppeteer-core; tests/run.sh installs
/// Debian's <c>chromium</c> and the script's packages): what failed to load, what the console reported as errors,
/// the page's title, and which of the expected texts it showed.
/// </summary>
public sealed record BrowserPage(List<string> Failed, List<string> ConsoleErrors, Dictionary<string, bool> Found, string? Title)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="actions">What a person does once it has loaded, in order: <c>{type: selector, text}</c> or <c>{click: selector}</c>.</param>
    public static async Task<BrowserPage> OpenAsync(Uri url, IEnumerable<string> expectedTexts, IEnumerable<object>? actions = null)
    {
        var script = Path.Combine(PlatformProcess.RepositoryRoot, "tests", "browser", "open-page.mjs");
        var info = new ProcessStartInfo("node");
        info.Environment["PAGE_ACTIONS"] = JsonSerializer.Serialize(actions ?? [], Json);
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(url.ToString());
        foreach (var text in expectedTexts)
            info.ArgumentList.Add(text);

        var run = await ToolRun.RunAsync(info, Deadline);
        Assert.True(run.ExitCode == 0, $"open-page.mjs failed ({run.ExitCode}): {run.Errors}");
        return JsonSerializer.Deserialize<BrowserPage>(run.Output.Trim().Split('\n')[^1], Json)!;
    }
}
