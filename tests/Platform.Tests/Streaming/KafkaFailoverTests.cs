using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Grains.Streaming.Kafka.Embedded;
using Grains.Streaming.Kafka.Streams;
using Orleans.Providers.Streams.Common;

namespace Platform.Tests.Streaming;

public sealed class KafkaFailoverTests
{
    private const int Events = 10_000;
    private const int Partitions = 8;
    private const int Keys = 50;

    [Fact]
    public async Task Stopping_a_silo_mid_stream_loses_nothing_and_its_partitions_are_taken_over()
    {
        await using var broker = EmbeddedKafkaBroker.Start(new EmbeddedKafkaBrokerOptions());
        await using var cluster = await KafkaTestCluster.StartAsync(2, new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = broker.BootstrapServers,
            ["Kafka:ConsumerGroup"] = "kafka-failover-tests",
            [$"Kafka:Topics:{KafkaTopics.Bulk}:Partitions"] = Partitions.ToString(),
            ["Kafka:ConsumerSettings:auto.commit.interval.ms"] = "100",
        },
        // Long enough to retry deliveries to grains of the stopping silo until they are reactivated.
        maxEventDeliveryTime: TimeSpan.FromSeconds(30));
        await Eventually.True(async () => (await RunningAgents(cluster.Client)).All(n => n > 0), TimeSpan.FromSeconds(60),
            () => "both silos should read some partitions");
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = broker.BootstrapServers }).Build();

        Produce(producer, 0, Events / 2);
        await Eventually.True(() => DeliveryLog.Received(KafkaTopics.Bulk).Count >= Events / 5, TimeSpan.FromSeconds(30),
            () => $"{DeliveryLog.Received(KafkaTopics.Bulk).Count} delivered before the stop");
        await cluster.StopSiloAsync(cluster.Silos[1]);
        await Eventually.True(async () => (await RunningAgents(cluster.Client)).SequenceEqual([Partitions]), TimeSpan.FromSeconds(30),
            () => "the remaining silo should read all partitions");
        // Every partition gets events after the stop, so the stopped silo's partitions must be read by the other one.
        Produce(producer, Events / 2, Events);

        await Eventually.True(() => Missing().Count == 0, TimeSpan.FromSeconds(60),
            () => $"{Missing().Count} of {Events} events not delivered, e.g. {string.Join(",", Missing().Take(10))}");
        Assert.Equal(Partitions, Enumerable.Range(0, Keys).Select(k => KafkaPartitioner.Partition(Encoding.UTF8.GetBytes(Key(k)), Partitions)).Distinct().Count());
    }

    private static string Key(int i) => $"device-{i % Keys}";

    private static void Produce(IProducer<string, string> producer, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var value = JsonSerializer.Serialize(new TestEvent { Key = Key(i), Sequence = i });
            producer.Produce(KafkaTopics.Bulk, new Message<string, string> { Key = Key(i), Value = value });
        }

        producer.Flush(TimeSpan.FromSeconds(10));
    }

    private static List<int> Missing() =>
        [.. Enumerable.Range(0, Events).Except(DeliveryLog.Received(KafkaTopics.Bulk).Select(e => e.Sequence))];

    private static async Task<int[]> RunningAgents(IClusterClient client)
    {
        var replies = await client.GetGrain<IManagementGrain>(0).SendControlCommandToProvider<PersistentStreamProvider>(
            KafkaTopics.Provider, (int)PersistentStreamProviderCommand.GetNumberRunningAgents);
        return [.. replies.Select(r => Convert.ToInt32(r))];
    }
}
