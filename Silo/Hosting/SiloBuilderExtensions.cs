using System.Net;
using Grains.Interfaces;
using Grains.Interfaces.Pipeline;
using Grains.Pipeline;
using Grains.Streaming.Kafka.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Hosting.Kubernetes;
using Orleans.Storage;
using Silo.Analytics;
using Silo.Persistence;

namespace Silo.Hosting;

public static class SiloBuilderExtensions
{
    /// <summary>
    /// Configures a silo of the platform: clustering, grain storage and reminders on PostgreSQL when the
    /// database is PostgreSQL; otherwise a single localhost silo with grain storage in SQLite.
    /// </summary>
    /// <summary>The variables a pod's manifest sets for Orleans' Kubernetes hosting; the namespace switches it on.</summary>
    public static readonly string[] KubernetesVariables =
    [
        KubernetesHostingOptions.PodNamespaceEnvironmentVariable, KubernetesHostingOptions.PodNameEnvironmentVariable,
        KubernetesHostingOptions.PodIPEnvironmentVariable, KubernetesHostingOptions.ServiceIdEnvironmentVariable,
        KubernetesHostingOptions.ClusterIdEnvironmentVariable,
    ];

    private static bool IsKubernetesPod =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(KubernetesHostingOptions.PodNamespaceEnvironmentVariable));

    public static ISiloBuilder UsePlatformSilo(this ISiloBuilder silo, OrleansSettings settings, PlatformDatabase database)
    {
        ArgumentNullException.ThrowIfNull(silo);

        silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (settings.ClusterId, settings.ServiceId));
        silo.AddIdentityGrains();
        silo.AddNotificationGrains();

        if (database.IsClustered && IsKubernetesPod)
        {
            // Orleans' Kubernetes hosting: the silo is named after its pod, advertises the pod's IP, takes its ids from
            // the pod's labels, and deletes the pods of silos membership declared dead (deploy/kubernetes).
            silo.Configure<EndpointOptions>(o => (o.SiloPort, o.GatewayPort) = (settings.SiloPort, settings.GatewayPort));
            silo.UseKubernetesHosting();
        }
        else if (database.IsClustered)
        {
            silo.ConfigureEndpoints(AdvertisedAddress(settings), settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
        }
        if (database.IsClustered)
        {
            silo.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (database.Invariant, database.ConnectionString));
            silo.UseAdoNetReminderService(o => (o.Invariant, o.ConnectionString) = (database.Invariant, database.ConnectionString));
        }
        else
        {
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
            // SQLite cannot hold reminders; the embedded default is one silo, so memory is enough.
            silo.UseInMemoryReminderService();
        }

        silo.UsePlatformFailureDetection();
        silo.UsePlatformDirectoryCache();
        silo.AddActivityPropagation();
        silo.AddDashboard();

        // Options are bound by AddPlatformOrleans: Api nodes that are only clients read them too.
        // A pull every 10 ms instead of Orleans' 100 ms: reading what librdkafka already fetched costs nothing,
        // and the default interval alone would add up to a tenth of a second to every event's latency.
        // Up to 100 cached messages of one key go to its subscriber in one call (a batch observer gets them as
        // one list), so under load a key's grain calls, commits and publishes are shared by its backlog.
        // Only implicit subscribers read the pipeline's streams: no pub-sub grain (and its storage) per stream.
        silo.AddKafkaStreams(PipelineTopics.StreamProvider, _ => { }, stream =>
        {
            stream.ConfigurePullingAgent(o => o.Configure(agent =>
            {
                agent.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(10);
                agent.BatchContainerBatchSize = 100;
            }));
            stream.ConfigureStreamPubSub(Orleans.Streams.StreamPubSubType.ImplicitOnly);
        });
        return silo.AddPlatformStorage(database);
    }

    /// <summary>The grain storages the platform's grains and streams use, all in <paramref name="database"/>.</summary>
    public static ISiloBuilder AddPlatformStorage(this ISiloBuilder silo, PlatformDatabase database)
    {
        silo.Services.TryAddSingleton(database);
        silo.Services.AddHostedService<SchemaInstaller>();
        silo.Services.TryAddSingleton<SqliteWriteGate>();
        silo.Services.TryAddSingleton<IAnalyticsStore, SqlAnalyticsStore>();
        foreach (var (name, lane) in new[] { (StorageNames.Platform, WriteLane.Waited), (StorageNames.PubSub, WriteLane.Waited), (StorageNames.WriteBehind, WriteLane.Behind) })
        {
            silo.AddAdoNetGrainStorage(name, o => (o.Invariant, o.ConnectionString) = (database.Invariant, database.ConnectionString));
            if (!database.IsClustered) UseGroupCommit(silo.Services, name, lane);
        }
        return silo;
    }

    /// <summary>
    /// Replaces the SQLite storage registered as <paramref name="name"/> by <see cref="SqliteGrainStorage"/> (group commit
    /// through the write gate), which reads what Orleans' storage wrote before through the original. The silo's
    /// lifecycle reaches the original through the same keyed service, so it is still initialised once.
    /// </summary>
    private static void UseGroupCommit(IServiceCollection services, string name, WriteLane lane)
    {
        var original = services.Last(d => d.IsKeyedService && d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, name));
        var create = original.KeyedImplementationFactory
            ?? throw new InvalidOperationException($"Grain storage {name} is not registered by a factory.");
        services.Remove(original);
        services.AddKeyedSingleton<IGrainStorage>(name, (sp, key) => new SqliteGrainStorage(
            name,
            (IGrainStorage)create(sp, key),
            sp.GetRequiredService<IOptionsMonitor<AdoNetGrainStorageOptions>>().Get(name).GrainStorageSerializer,
            sp.GetRequiredService<PlatformDatabase>(),
            sp.GetRequiredService<SqliteWriteGate>(),
            lane,
            sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SqliteGrainStorage>>()));
    }

    private static IPAddress AdvertisedAddress(OrleansSettings settings)
    {
        if (settings.AdvertisedIP is { Length: > 0 } configured)
        {
            return IPAddress.TryParse(configured, out var parsed)
                ? parsed
                : Dns.GetHostAddresses(configured).First(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
        }

        return Dns.GetHostAddresses(Dns.GetHostName())
            .FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? IPAddress.Loopback;
    }
}
