using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Benchmarks.Hosting;

/// <summary>
/// The platform started as its users start it: the embedded default (one Api process with a co-hosted silo,
/// SQLite and the in-process Kafka broker) or cluster mode (a Kafka broker process, a Silo and an Api on PostgreSQL).
/// </summary>
public sealed partial class PlatformUnderTest : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly List<ChildProcess> _processes = [];
    private readonly List<string> _folders = [];

    private PlatformUnderTest(string mode) => Mode = mode;

    public string Mode { get; }
    public string BaseUrl { get; private set; } = "";
    public string KafkaBootstrap { get; private set; } = "";
    public AnalyticsRows Analytics { get; private set; } = null!;
    public string Database { get; private set; } = "";

    /// <summary>What the benchmark needs lifted: its load comes from one client address, far above any human's rate.</summary>
    private static Dictionary<string, string> BenchmarkEnvironment() => new()
    {
        ["Pipeline__RateLimit__PermitLimit"] = "100000000",
        ["Auth__RateLimits__LogInPermitLimit"] = "100000000",
        ["Auth__RateLimits__SignUpPermitLimit"] = "100000000",
        ["Auth__AccessTokenLifetime"] = "04:00:00",
        ["Notifications__BufferSize"] = "100000",
        // Both modes ingest as the embedded default does, without a source's write key, so the rows compare alike.
        ["Pipeline__RequireWriteKey"] = "false",
    };

    public bool IsEmbedded { get; private init; }

    public static async Task<PlatformUnderTest> StartEmbeddedAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var platform = new PlatformUnderTest("embedded (SQLite, co-hosted silo, in-process Kafka)") { IsEmbedded = true };
        var data = platform.TempFolder();
        var environment = BenchmarkEnvironment();
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key] = value;
        environment["Storage__DataDirectory"] = data;
        environment["Orleans__SiloPort"] = Solution.FreePort().ToString(CultureInfo.InvariantCulture);
        environment["Orleans__GatewayPort"] = Solution.FreePort().ToString(CultureInfo.InvariantCulture);
        try
        {
            var api = platform.StartApi(environment);
            await api.WaitUntilReadyAsync($"{platform.BaseUrl}/health/ready", StartTimeout);
            platform.KafkaBootstrap = await api.WaitForAsync(EmbeddedBrokerLine(), StartTimeout);
            platform.Analytics = AnalyticsRows.Sqlite(Path.Combine(data, "platform.db"));
            platform.Database = await platform.Analytics.VersionAsync();
            return platform;
        }
        catch
        {
            await platform.DisposeAsync();
            throw;
        }
    }

    /// <summary>A Kafka broker process, <paramref name="silos"/> Silo processes (each ready before the next starts) and one Api.</summary>
    public static async Task<PlatformUnderTest> StartClusterAsync(string adminConnectionString, int silos = 1)
    {
        var platform = new PlatformUnderTest("cluster (PostgreSQL, Silo + Api processes, Kafka broker process)");
        try
        {
            var database = await CreateDatabaseAsync(adminConnectionString);
            var kafkaPort = Solution.FreePort();
            var broker = platform.Track(ChildProcess.Start("Silo", new Dictionary<string, string>(), "kafka-broker",
                kafkaPort.ToString(CultureInfo.InvariantCulture)));
            platform.KafkaBootstrap = await broker.WaitForAsync(ListeningLine(), StartTimeout);

            var environment = BenchmarkEnvironment();
            environment["ConnectionStrings__Orleans"] = database;
            environment["Kafka__BootstrapServers"] = platform.KafkaBootstrap;
            environment["Orleans__ClusterId"] = $"bench-{Guid.NewGuid():N}";
            environment["Orleans__AdvertisedIP"] = "127.0.0.1";
            for (var n = 0; n < silos; n++)
            {
                var health = $"http://127.0.0.1:{Solution.FreePort()}";
                var silo = platform.Track(ChildProcess.Start("Silo", new Dictionary<string, string>(environment)
                {
                    ["Orleans__SiloPort"] = Solution.FreePort().ToString(CultureInfo.InvariantCulture),
                    ["Orleans__GatewayPort"] = Solution.FreePort().ToString(CultureInfo.InvariantCulture),
                    ["Silo__Urls"] = health,
                }));
                await silo.WaitUntilReadyAsync($"{health}/health/ready", StartTimeout);
            }
            var api = platform.StartApi(environment);
            await api.WaitUntilReadyAsync($"{platform.BaseUrl}/health/ready", StartTimeout);
            platform.Analytics = AnalyticsRows.Postgres(database);
            platform.Database = await platform.Analytics.VersionAsync();
            return platform;
        }
        catch
        {
            await platform.DisposeAsync();
            throw;
        }
    }

    /// <summary>The CPU time every process of the platform has used so far (in cluster mode with its broker).</summary>
    public TimeSpan ProcessorTime => _processes.Aggregate(TimeSpan.Zero, (sum, process) => sum + process.ProcessorTime);

    public async ValueTask DisposeAsync()
    {
        for (var i = _processes.Count - 1; i >= 0; i--) await _processes[i].DisposeAsync();
        foreach (var folder in _folders)
        {
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { }
        }
    }

    private ChildProcess StartApi(Dictionary<string, string> environment)
    {
        BaseUrl = $"http://127.0.0.1:{Solution.FreePort()}";
        return Track(ChildProcess.Start("Api", environment, "--urls", BaseUrl));
    }

    private ChildProcess Track(ChildProcess process)
    {
        _processes.Add(process);
        return process;
    }

    private string TempFolder()
    {
        var folder = Directory.CreateTempSubdirectory("platform-bench-").FullName;
        _folders.Add(folder);
        return folder;
    }

    private static async Task<string> CreateDatabaseAsync(string adminConnectionString)
    {
        var name = $"bench_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(adminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name, MaxPoolSize = 200 }.ConnectionString;
    }

    [GeneratedRegex(@"embedded Kafka broker at ([0-9.]+:[0-9]+)")]
    private static partial Regex EmbeddedBrokerLine();

    [GeneratedRegex(@"listening on ([0-9.]+:[0-9]+)")]
    private static partial Regex ListeningLine();
}
