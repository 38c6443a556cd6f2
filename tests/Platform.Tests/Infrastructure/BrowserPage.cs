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

    public static async Task<BrowserPage> OpenAsync(Uri url, IEnumerable<string> expectedTexts)
    {
        var script = Path.Combine(PlatformProcess.RepositoryRoot, "tests", "browser", "open-page.mjs");
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(url.ToString());
        foreach (var text in expectedTexts)
            info.ArgumentList.Add(text);

        using var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The browser did not finish with {url} within {Deadline}.");
        }
        Assert.True(process.ExitCode == 0, $"open-page.mjs failed ({process.ExitCode}): {await errors}");
        return JsonSerializer.Deserialize<BrowserPage>((await output).Trim().Split('\n')[^1], Json)!;
    }
}
