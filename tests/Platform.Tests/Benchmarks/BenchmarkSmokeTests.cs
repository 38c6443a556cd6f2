using System.Diagnostics;

namespace Platform.Tests.Benchmarks;

/// <summary>
/// Keeps the benchmark suite from rotting: its smoke mode must start the platform, run every scenario and print a
/// complete table. Performance itself is never asserted here. It runs alone, so other tests do not eat its deadline.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
[Collection(BenchmarkSmokeCollection.Name)]
public sealed class BenchmarkSmokeTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private static readonly string[] Rows =
    [
        "pipeline: POST /api/events", "pipeline journal's cost", "pipeline latency p99", "stream provider:", "reads: GET /api/posts/{id}",
        "tokens: GET /auth/verify", "login: POST /auth/login", "writes: POST /api/posts", "writes: POST /api/posts p99 at half", "add_post",
        "notifications p99", "notifications delivered",
    ];

    [Fact]
    public async Task Smoke_run_prints_a_complete_table()
    {
        var info = new ProcessStartInfo("bash") { WorkingDirectory = PlatformProcess.RepositoryRoot };
        foreach (var arg in new[] { Path.Combine("tests", "benchmark.sh"), "--smoke", "--no-build" }) info.ArgumentList.Add(arg);
        info.Environment["BENCH_CONFIGURATION"] = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        info.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        info.Environment.Remove("DOTNET_ENVIRONMENT");

        var run = await ToolRun.RunAsync(info, Deadline);
        var text = run.Output + run.Errors;
        Assert.True(run.ExitCode == 0, text);
        Assert.Contains("| mode | row | ours | ceiling (same run) | ratio | goal |", text);
        Assert.Contains("machine: ", text);
        Assert.Contains("librdkafka", text);
        foreach (var row in Rows)
        {
            Assert.True(text.Split('\n').Any(line => line.StartsWith("| embedded", StringComparison.Ordinal) && line.Contains(row, StringComparison.Ordinal)),
                $"No table row for '{row}':{Environment.NewLine}{text}");
        }
    }
}
