using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Benchmarks.Load;

/// <summary>Runs wrk (HTTP/1.1 keep-alive, two threads) against one URL and reads its summary.</summary>
public static partial class Wrk
{
    /// <summary>Warms the URL up for <paramref name="warmUp"/> (unmeasured, when not zero), then measures it.</summary>
    public static async Task<LoadResult> RunAsync(string url, BenchmarkSettings settings, string? luaScript = null,
        IReadOnlyDictionary<string, string>? headers = null, TimeSpan? warmUp = null)
    {
        var unmeasured = warmUp ?? settings.WrkWarmUp;
        if (unmeasured > TimeSpan.Zero)
            await RunOnceAsync(url, settings.WrkConnections, unmeasured, luaScript, headers);
        return await RunOnceAsync(url, settings.WrkConnections, settings.WrkDuration, luaScript, headers);
    }

    private static async Task<LoadResult> RunOnceAsync(string url, int connections, TimeSpan duration, string? luaScript,
        IReadOnlyDictionary<string, string>? headers)
    {
        var info = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-t2", $"-c{connections}", $"-d{(int)duration.TotalSeconds}s", "--latency", "--timeout", "10s" })
            info.ArgumentList.Add(arg);
        string? script = null;
        if (luaScript is not null)
        {
            script = Path.Combine(Path.GetTempPath(), $"bench-{Guid.NewGuid():N}.lua");
            await File.WriteAllTextAsync(script, luaScript);
            info.ArgumentList.Add("-s");
            info.ArgumentList.Add(script);
        }
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            info.ArgumentList.Add("-H");
            info.ArgumentList.Add($"{name}: {value}");
        }
        info.ArgumentList.Add(url);

        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (script is not null) File.Delete(script);
        if (RequestsPerSecond().Match(output) is not { Success: true } rate)
            throw new InvalidOperationException($"wrk printed no rate:{Environment.NewLine}{output}{await process.StandardError.ReadToEndAsync()}");

        var errors = NonSuccess().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return new LoadResult(double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture), Percentile(output, "99"), errors);
    }

    public static string Version()
    {
        var info = new ProcessStartInfo("wrk", "-v") { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var text = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return text.Split('\n')[0].Split(" Copyright")[0].Trim();
    }

    private static double Percentile(string output, string percent)
    {
        var match = Regex.Match(output, $@"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        if (!match.Success) return double.NaN;
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccess();
}
