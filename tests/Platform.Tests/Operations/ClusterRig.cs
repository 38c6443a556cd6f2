namespace Platform.Tests.Operations;

/// <summary>
/// A production-shaped cluster of real processes on loopback: PostgreSQL (a fresh database), the embedded
/// Kafka broker run standalone, Silo processes and Api processes, all configured only by environment variables.
/// </summary>
public sealed class ClusterRig : IAsyncDisposable
{
    public const string OperatorToken = "cluster-operator-token";

    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);
    public const int NumMissedProbesLimit = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, string> _environment;
    private readonly List<PlatformProcess> _all = [];
    private PlatformProcess? _broker;

    private ClusterRig(Dictionary<string, string> environment) => _environment = environment;

    public string DatabaseConnectionString => _environment["ConnectionStrings__Orleans"];

    public List<(PlatformProcess Process, string Url)> Silos { get; } = [];

    public List<(PlatformProcess Process, Uri Url)> Apis { get; } = [];

    /// <summary>The most a crashed silo can take to be declared dead and routed around, with room for a loaded machine.</summary>
    public static TimeSpan DetectionWindow => ProbeTimeout * NumMissedProbesLimit + TimeSpan.FromSeconds(10);

    public static async Task<ClusterRig> StartAsync(int silos, int apis)
    {
        var brokerPort = FreePort.Next();
        var rig = new ClusterRig(new Dictionary<string, string>
        {
            ["ConnectionStrings__Orleans"] = await PostgresServer.CreateDatabaseAsync(),
            ["Orleans__ClusterId"] = $"e2e-{Guid.NewGuid():N}",
            ["Orleans__AdvertisedIP"] = "127.0.0.1",
            ["Orleans__Membership__ProbeTimeout"] = ProbeTimeout.ToString(),
            ["Orleans__Membership__NumMissedProbesLimit"] = NumMissedProbesLimit.ToString(),
            ["Kafka__BootstrapServers"] = $"127.0.0.1:{brokerPort}",
            ["SECRET_KEY"] = "end-to-end signing secret that is long enough",
            ["JWE_SECRET_KEY"] = "end-to-end encryption secret that is long enough",
            ["Pipeline__RateLimit__PermitLimit"] = "100000",
            ["Operator__Token"] = OperatorToken,
            ["Logging__LogLevel__Default"] = "Warning",
        });
        try
        {
            rig._broker = rig.Track(PlatformProcess.Start("Silo", new Dictionary<string, string>(), "kafka-broker", brokerPort.ToString()));
            await Eventually.True(() => rig._broker.Output.Contains("listening on"), StartTimeout, () => rig._broker.Output);
            await Task.WhenAll(Enumerable.Range(0, silos).Select(_ => rig.StartSiloAsync()));
            await Task.WhenAll(Enumerable.Range(0, apis).Select(_ => rig.StartApiAsync()));
            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    public Task StartSiloAsync() => WithFreshPortsAsync(async () =>
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var environment = PlatformProcess.WithOwnPorts(_environment);
        environment["Silo__Urls"] = url;
        var silo = Track(PlatformProcess.Start("Silo", environment));
        await silo.WaitUntilReadyAsync($"{url}/health/ready", StartTimeout);
        lock (Silos) Silos.Add((silo, url));
    });

    public Task StartApiAsync() => WithFreshPortsAsync(async () =>
    {
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var api = Track(PlatformProcess.Start("Api", _environment, "--urls", url.ToString().TrimEnd('/')));
        await api.WaitUntilReadyAsync(new Uri(url, "/health/ready").ToString(), StartTimeout);
        lock (Apis) Apis.Add((api, url));
    });

    /// <summary>
    /// A port found free can be taken before the process binds it (the kernel also hands it out as the source port of
    /// some connection on loopback): such a start is tried again on other ports, twice at most.
    /// </summary>
    private static async Task WithFreshPortsAsync(Func<Task> start)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await start();
                return;
            }
            catch (InvalidOperationException e) when (attempt < 3 && e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
            }
        }
    }

    /// <summary>The Api nodes' error lines and what follows them, for a failure message.</summary>
    public string FailureLines() => string.Join(Environment.NewLine, Apis.SelectMany(a => a.Process.Output.Split(Environment.NewLine)
        .SkipWhile(l => !l.StartsWith("fail", StringComparison.Ordinal)).Take(40)));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _all) await process.DisposeAsync();
    }

    private PlatformProcess Track(PlatformProcess process)
    {
        lock (_all) _all.Add(process);
        return process;
    }
}
