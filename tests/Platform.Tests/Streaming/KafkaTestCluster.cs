using Grains.Streaming.Kafka;
using Grains.Streaming.Kafka.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Platform.Tests.Streaming;

/// <summary>An in-process cluster whose silos and client use the Kafka stream provider, configured from "Kafka:*".</summary>
public static class KafkaTestCluster
{
    public static async Task<InProcessTestCluster> StartAsync(short silos, IDictionary<string, string?> kafkaSettings, TimeSpan maxEventDeliveryTime, TimeSpan? pullPeriod = null)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureHost(host => host.Configuration.AddInMemoryCollection(kafkaSettings));
        builder.ConfigureSilo((_, silo) => silo
            .AddMemoryGrainStorage("PubSubStore")
            .AddKafkaStreams(KafkaTopics.Provider, o => o.BindConfiguration(KafkaStreamOptions.SectionName), stream =>
            {
                stream.ConfigurePullingAgent(o => o.Configure(agent =>
                {
                    agent.GetQueueMsgsTimerPeriod = pullPeriod ?? TimeSpan.FromMilliseconds(10);
                    agent.MaxEventDeliveryTime = maxEventDeliveryTime;
                }));
                // Small cache buckets so delivered batches are purged, and committed, soon.
                stream.Configure<SimpleQueueCacheOptions>(o => o.Configure(cache => cache.CacheSize = 100));
            }));
        builder.ConfigureClient(client => client
            .AddKafkaStreams(KafkaTopics.Provider, o => o.BindConfiguration(KafkaStreamOptions.SectionName)));

        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
