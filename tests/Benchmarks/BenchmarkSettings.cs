namespace Benchmarks;

/// <summary>How much load each row gets: smoke mode only proves every row still runs; full mode is for people.</summary>
public sealed record BenchmarkSettings
{
    public bool Smoke { get; init; }

    /// <summary>Platform shapes to measure: "embedded" (SQLite, co-hosted silo) and "cluster" (PostgreSQL, Silo + Api processes).</summary>
    public IReadOnlyList<string> Modes { get; init; } = ["embedded", "cluster"];

    /// <summary>An admin connection string of the PostgreSQL server for cluster mode; each run creates its own database.</summary>
    public string? Postgres { get; init; }

    /// <summary>Scenario names to run (<c>--only pipeline,notifications</c>); empty runs all.</summary>
    public IReadOnlyList<string> Only { get; init; } = [];

    public TimeSpan WrkDuration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Unmeasured load on the same URL before each HTTP row, so the figures are a warm server's, not the JIT
    /// compiler's; logins get four times as long, since hashing leaves the tiering compiler little of the cores.
    /// </summary>
    public TimeSpan WrkWarmUp { get; init; } = TimeSpan.FromSeconds(5);

    public int WrkConnections { get; init; } = 32;
    public int PipelineEvents { get; init; } = 30_000;
    public TimeSpan PipelineLatencyDuration { get; init; } = TimeSpan.FromSeconds(10);
    public int StreamEvents { get; init; } = 20_000;
    /// <summary>How long the freshly started platform is left alone before its idle CPU is measured, and for how long it is.</summary>
    public TimeSpan IdleSettle { get; init; } = TimeSpan.FromMinutes(1);
    public TimeSpan IdleWindow { get; init; } = TimeSpan.FromSeconds(30);
    public int Subscribers { get; init; } = 10_000;
    public int ReplayedNotifications { get; init; } = 10_000;
    public int LatencyPosts { get; init; } = 100;
    public int BurstPosts { get; init; } = 200;

    public static BenchmarkSettings Parse(string[] args)
    {
        var smoke = args.Contains("--smoke");
        var settings = smoke
            ? new BenchmarkSettings
            {
                Smoke = true,
                Modes = ["embedded"],
                WrkDuration = TimeSpan.FromSeconds(1),
                WrkWarmUp = TimeSpan.Zero,
                WrkConnections = 16,
                PipelineEvents = 2_000,
                PipelineLatencyDuration = TimeSpan.FromSeconds(2),
                StreamEvents = 2_000,
                IdleSettle = TimeSpan.FromSeconds(1),
                IdleWindow = TimeSpan.FromSeconds(2),
                Subscribers = 100,
                ReplayedNotifications = 100,
                LatencyPosts = 10,
                BurstPosts = 10,
            }
            : new BenchmarkSettings();

        var postgres = Value(args, "--postgres") ?? Environment.GetEnvironmentVariable("BENCH_POSTGRES")
            ?? Environment.GetEnvironmentVariable("PLATFORM_TEST_POSTGRES");
        var mode = Value(args, "--mode");
        var only = Value(args, "--only");
        var events = Value(args, "--events") is { } count ? int.Parse(count, System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
        return settings with
        {
            Postgres = postgres,
            Modes = mode is null ? settings.Modes : mode.Split(',', StringSplitOptions.RemoveEmptyEntries),
            Only = only is null ? [] : only.Split(',', StringSplitOptions.RemoveEmptyEntries),
            PipelineEvents = events ?? settings.PipelineEvents,
            StreamEvents = events ?? settings.StreamEvents,
        };
    }

    private static string? Value(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
