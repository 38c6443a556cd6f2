using System.Diagnostics;
using Benchmarks.Hosting;
using Benchmarks.Report;
using Benchmarks.Scenarios;

namespace Benchmarks;

/// <summary>Starts each platform mode, runs every scenario against it, and prints the run's table.</summary>
public static class Suite
{
    private static readonly (string Name, Func<PlatformUnderTest, BenchmarkSettings, ResultTable, Task> Run)[] Scenarios =
    [
        // First: a platform that nothing has loaded yet.
        ("idle", IdleScenario.RunAsync),
        ("pipeline", PipelineScenarios.RunAsync),
        ("http", HttpScenarios.RunAsync),
        ("writes", WriteScenarios.RunAsync),
        ("notifications", NotificationScenario.RunAsync),
        ("provider", ProviderScenario.RunAsync),
        ("feed", FeedScaleScenario.RunAsync),
        ("seen", SeenSetGrowthScenario.RunAsync),
    ];

    public static async Task<int> RunAsync(BenchmarkSettings settings)
    {
        var clock = Stopwatch.StartNew();
        var table = new ResultTable();
        var databases = new List<string>();
        var failures = new List<string>();
        foreach (var mode in settings.Modes)
        {
            Console.WriteLine($"Starting the platform: {mode}");
            PlatformUnderTest platform;
            try
            {
                platform = mode switch
                {
                    "embedded" => await PlatformUnderTest.StartEmbeddedAsync(),
                    "cluster" => await PlatformUnderTest.StartClusterAsync(settings.Postgres
                        ?? throw new InvalidOperationException("Cluster mode needs PostgreSQL: pass --postgres CONNSTR or set BENCH_POSTGRES (tests/benchmark.sh starts one).")),
                    _ => throw new ArgumentException($"Unknown mode {mode}: use embedded or cluster."),
                };
            }
            catch (Exception e)
            {
                failures.Add($"{mode}: the platform did not start: {e.Message}");
                continue;
            }

            await using (platform)
            {
                databases.Add(platform.Database);
                foreach (var (name, run) in Scenarios.Where(s => settings.Only.Count == 0 || settings.Only.Contains(s.Name)))
                {
                    Console.WriteLine($"[{clock.Elapsed:mm\\:ss}] {mode}: {name}");
                    try
                    {
                        await run(platform, settings, table);
                    }
                    catch (Exception e)
                    {
                        failures.Add($"{mode}: {name} failed: {e.GetType().Name}: {e.Message}");
                    }
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine(table.Render(Machine.Describe(settings, databases)));
        foreach (var failure in failures) Console.WriteLine($"FAILED {failure}");
        Console.WriteLine($"Benchmark {(settings.Smoke ? "smoke run" : "run")} finished in {clock.Elapsed.TotalSeconds:N0} s: {table.Rows.Count} rows, {failures.Count} failures.");
        return failures.Count == 0 ? 0 : 1;
    }
}
