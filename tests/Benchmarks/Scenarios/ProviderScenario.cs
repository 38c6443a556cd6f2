using System.Diagnostics;
using Benchmarks.Hosting;
using Benchmarks.Report;
using Confluent.Kafka;
using Grains.Streaming.Kafka;
using Grains.Streaming.Kafka.Embedded;
using Grains.Streaming.Kafka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Streams;

namespace Benchmarks.Scenarios;

/// <summary>
/// The Kafka stream provider alone (issue #6's row): JSON messages already in a topic, read through Orleans
/// into implicit-subscriber grains that only count them, against a plain consumer of the same messages.
/// The silo runs in this process with a broker of its own, so the platform's pipeline work is not measured.
/// </summary>
public static class ProviderScenario
{
    internal const string Topic = "bench.provider";
    private const int Partitions = 8, Keys = 1000;
    private static int _measured;

    public static async Task RunAsync(PlatformUnderTest platform, BenchmarkSettings settings, ResultTable table)
    {
        // Once per run: the row does not depend on the platform's mode.
        if (Interlocked.Exchange(ref _measured, 1) == 1) return;

        await using var broker = EmbeddedKafkaBroker.Start(new EmbeddedKafkaBrokerOptions { Topics = { [Topic] = Partitions } });
        // The first fifth activates the grains and warms the JIT up, unmeasured, as the HTTP rows' warm-up does.
        var warmUp = settings.StreamEvents;
        var count = warmUp * 5;
        using (var producer = KafkaCeiling.Producer(broker.BootstrapServers))
        {
            for (var n = 0; n < count; n++)
                KafkaCeiling.Produce(producer, Topic, $"key-{n % Keys}", $"{{\"n\":{n}}}");
            producer.Flush(TimeSpan.FromMinutes(1));
        }

        var plain = KafkaCeiling.Consume(broker.BootstrapServers,
            Enumerable.Range(0, Partitions).Select(p => new TopicPartitionOffset(Topic, p, Offset.Beginning)), count, warmUp);

        CountingGrain.Reset(warmUp);
        var deadline = Stopwatch.StartNew();
        using var silo = await StartSiloAsync(broker.BootstrapServers);
        while (CountingGrain.Received < count)
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(3))
                throw new TimeoutException($"The provider delivered {CountingGrain.Received} of {count} messages.");
            await Task.Delay(10);
        }
        // From the first delivery after the warm-up to the last: the silo's start-up is not the provider's throughput.
        var ours = (count - warmUp - 1) / CountingGrain.DeliverySpan.TotalSeconds;
        await silo.StopAsync();

        table.Add(new Row("library (in-process silo, own broker)", "stream provider alone: topic → implicit-subscriber grains that count",
            ours, "events/s", plain, "plain Confluent.Kafka consumer of the same messages", "–"));
    }

    private static async Task<IHost> StartSiloAsync(string bootstrap)
    {
        var host = Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .UseOrleans(silo => silo
                .UseLocalhostClustering(siloPort: Solution.FreePort(), gatewayPort: Solution.FreePort())
                .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("bench-provider", "bench-provider"))
                .AddKafkaStreams(CountingGrain.Provider, options => options.Configure(o =>
                {
                    o.BootstrapServers = bootstrap;
                    o.ConsumerGroup = $"bench-{Guid.NewGuid():N}";
                    o.Topics[Topic] = new KafkaTopicOptions { Partitions = Partitions };
                }), stream =>
                {
                    stream.ConfigurePullingAgent(o => o.Configure(agent => (agent.GetQueueMsgsTimerPeriod, agent.BatchContainerBatchSize) = (TimeSpan.FromMilliseconds(10), 100)));
                    stream.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
                }))
            .Build();
        await host.StartAsync();
        return host;
    }
}

/// <summary>Counts what the provider delivers; the least work a subscriber can do.</summary>
[ImplicitStreamSubscription(ProviderScenario.Topic)]
public sealed class CountingGrain : Grain, IGrainWithStringKey
{
    public const string Provider = "bench-kafka";
    private static long _received, _first, _last, _warmUp;

    public static long Received => Interlocked.Read(ref _received);

    public static TimeSpan DeliverySpan => Stopwatch.GetElapsedTime(Interlocked.Read(ref _first), Interlocked.Read(ref _last));

    /// <summary>Starts counting; the span is timed from the delivery after the first <paramref name="warmUp"/> ones.</summary>
    public static void Reset(long warmUp) => (_received, _first, _last, _warmUp) = (0, 0, 0, warmUp);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(Provider).GetStream<System.Text.Json.JsonElement>(StreamId.Create(ProviderScenario.Topic, this.GetPrimaryKeyString()));
        await stream.SubscribeAsync((_, _) =>
        {
            var now = Stopwatch.GetTimestamp();
            if (Interlocked.Increment(ref _received) <= _warmUp) return Task.CompletedTask;
            Interlocked.CompareExchange(ref _first, now, 0);
            Interlocked.Exchange(ref _last, now);
            return Task.CompletedTask;
        });
    }
}
