using Grains.Interfaces.Pipeline;
using Grains.Pipeline;
using Grains.Streaming.Kafka;
using Silo.Analytics;
using Silo.Persistence;

namespace Silo.Hosting;

public static class HostApplicationBuilderExtensions
{
    /// <summary>Raw-topic partitions, hence the most silos that share the pipeline's reading.</summary>
    private const int DefaultRawPartitions = 8;

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
        builder.Services.AddOptions<KafkaStreamOptions>(PipelineTopics.StreamProvider).BindConfiguration(KafkaStreamOptions.SectionName)
            .PostConfigure(o => o.Topics.TryAdd(PipelineTopics.Raw, new KafkaTopicOptions { Partitions = DefaultRawPartitions }));
        builder.Services.AddOptions<PipelineOptions>().BindConfiguration(PipelineOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton<PipelineKafka>();
        builder.Services.TryAddSingleton<DeadLetters>();

        var runSilo = hostSilo ?? OrleansSettings.From(builder.Configuration).HostSilo ?? !database.IsClustered;
        if (runSilo)
            builder.UseOrleans(silo => silo.UsePlatformSilo(builder.Configuration, database));
        else
            builder.UseOrleansClient(client => client.UsePlatformClient(builder.Configuration, database));

        // Registered after Orleans, so it stops first: the silo still runs while it waits.
        if (runSilo && string.IsNullOrWhiteSpace(builder.Configuration[$"{KafkaStreamOptions.SectionName}:{nameof(KafkaStreamOptions.BootstrapServers)}"]))
            builder.Services.AddHostedService<EmbeddedPipelineDrain>();

        return database;
    }
}
