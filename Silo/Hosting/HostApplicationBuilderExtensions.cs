using Grains.Interfaces.Pipeline;
using Grains.Notifications;
using Grains.Pipeline;
using Grains.Pipeline.Tracking;
using Grains.Streaming.Kafka;
using Grains.Streaming.Kafka.Embedded;
using Silo.Analytics;
using Silo.Journal;
using Silo.Persistence;

namespace Silo.Hosting;

public static class HostApplicationBuilderExtensions
{
    /// <summary>
    /// Adds Orleans to a host: a silo when <paramref name="hostSilo"/> says so (or, left null, when the
    /// configuration asks for one), otherwise a client of the cluster. The choice follows from
    /// configuration alone, never from the environment name.
    /// </summary>
    public static PlatformDatabase AddPlatformOrleans(this IHostApplicationBuilder builder, bool? hostSilo = null)
    {
        var database = PlatformDatabase.From(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.TryAddSingleton(database);
        // Api nodes read the analytics store directly, whether or not they host a silo.
        builder.Services.TryAddSingleton<SqliteWriteGate>();
        builder.Services.TryAddSingleton<IAnalyticsStore, SqlAnalyticsStore>();
        builder.Services.TryAddSingleton<PipelineCounters>();
        builder.Services.TryAddSingleton<PipelineCountersFlusher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PipelineCountersFlusher>());
        builder.Services.AddSettings<KafkaStreamOptions>(KafkaStreamOptions.SectionName, PipelineTopics.StreamProvider)
            .PostConfigure(o => o.Topics.TryAdd(PipelineTopics.Raw, new KafkaTopicOptions { Partitions = PipelineTopology.DefaultRawPartitions }));
        builder.Services.AddSettings<PipelineOptions>(PipelineOptions.SectionName);
        builder.Services.AddSettings<NotificationSiloOptions>(NotificationSiloOptions.SectionName);
        builder.Services.TryAddSingleton<PipelineKafka>();
        builder.Services.TryAddSingleton<DeadLetters>();
        builder.Services.TryAddSingleton<TrackingPlans>();
        builder.Services.TryAddSingleton<EventIngestion>();
        builder.Services.TryAddSingleton<DeadLetterQueue>();
        builder.Services.TryAddSingleton<StoredEvents>();
        if (database.Dialect == SqlDialect.Sqlite
            && (builder.Configuration.GetValue<bool?>($"{PipelineOptions.SectionName}:{nameof(PipelineOptions.Journal)}") ?? KafkaIsInProcess(builder.Configuration)))
        {
            builder.AddPipelineJournal();
        }

        var settings = OrleansSettings.Read(builder.Configuration);
        builder.Services.AddSettingsSection<OrleansSettings>(OrleansSettings.SectionName);
        var runSilo = hostSilo ?? settings.HostSilo ?? !database.IsClustered;
        if (runSilo)
            builder.UseOrleans(silo => silo.UsePlatformSilo(settings, database));
        else
            builder.UseOrleansClient(client => client.UsePlatformClient(settings, database));

        // Registered after Orleans, so it stops first: the silo still runs while it waits.
        if (runSilo && string.IsNullOrWhiteSpace(builder.Configuration[$"{KafkaStreamOptions.SectionName}:{nameof(KafkaStreamOptions.BootstrapServers)}"]))
            builder.Services.AddHostedService<EmbeddedPipelineDrain>();

        return database;
    }

    /// <summary>
    /// Whether the pipeline's Kafka is a broker inside this process (none configured: the embedded default's), which
    /// keeps nothing across a crash; then the pipeline journal makes acceptance durable.
    /// </summary>
    private static bool KafkaIsInProcess(IConfiguration configuration) =>
        configuration[$"{KafkaStreamOptions.SectionName}:{nameof(KafkaStreamOptions.BootstrapServers)}"] is not { Length: > 0 } bootstrap
        || EmbeddedKafkaBroker.TryFind(bootstrap, out _);

    /// <summary>Registered before Orleans, so its keeper stops after the silo has committed what it processed.</summary>
    private static void AddPipelineJournal(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<SqlitePipelineJournal>();
        builder.Services.TryAddSingleton<IPipelineJournal>(sp => sp.GetRequiredService<SqlitePipelineJournal>());
        builder.Services.AddHostedService<PipelineJournalKeeper>();
        builder.Services.AddHealthChecks().AddCheck<PipelineJournalHealthCheck>("pipeline-journal", tags: [Health.HealthEndpoints.ReadyTag]);
    }
}
