using System.Text.Json;
using Confluent.Kafka;
using Grains.Streaming.Kafka.Embedded;

namespace Platform.Tests.Streaming;

/// <summary>
/// A silo stopped gracefully commits every message its subscribers were handed, so the partition's next reader does not
/// process them again. The pulling agent reports deliveries only when it purges its cache on its next read, which here
/// comes seconds later: stopped at once after the deliveries, the silo must wait for that read.
/// </summary>
public sealed class KafkaGracefulStopTests
{
    private const int Events = 40;
    private const string Group = "kafka-graceful-stop-tests";

    [Fact]
    public async Task A_silo_stopped_right_after_its_deliveries_commits_them_all()
    {
        await using var broker = EmbeddedKafkaBroker.Start(new EmbeddedKafkaBrokerOptions());
        await using var cluster = await KafkaTestCluster.StartAsync(1, new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = broker.BootstrapServers,
            ["Kafka:ConsumerGroup"] = Group,
            [$"Kafka:Topics:{KafkaTopics.Stopping}:Partitions"] = "2",
        }, maxEventDeliveryTime: TimeSpan.FromSeconds(10), pullPeriod: TimeSpan.FromSeconds(3));

        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = broker.BootstrapServers }).Build())
        {
            for (var i = 0; i < Events; i++)
            {
                var key = $"stopping-{i % 10}";
                producer.Produce(KafkaTopics.Stopping, new Message<string, string>
                {
                    Key = key,
                    Value = JsonSerializer.Serialize(new TestEvent { Key = key, Sequence = i }),
                });
            }
            producer.Flush(TimeSpan.FromSeconds(10));
        }

        await Eventually.True(() => DeliveryLog.Received(KafkaTopics.Stopping).Count >= Events, TimeSpan.FromSeconds(30),
            () => $"{DeliveryLog.Received(KafkaTopics.Stopping).Count} of {Events} delivered");
        await cluster.StopSiloAsync(cluster.Silos[0]);

        using var offsets = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = broker.BootstrapServers, GroupId = Group }).Build();
        var partitions = new[] { 0, 1 }.Select(p => new TopicPartition(KafkaTopics.Stopping, p)).ToList();
        var committed = offsets.Committed(partitions, TimeSpan.FromSeconds(10)).ToDictionary(c => c.Partition.Value, c => c.Offset.Value);
        var ends = partitions.ToDictionary(p => p.Partition.Value, p => offsets.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)).High.Value);
        Assert.Equal(Events, ends.Values.Sum());
        Assert.All(ends.Values, end => Assert.True(end > 0, "both partitions should have events"));
        Assert.Equal(ends, committed);
    }
}
