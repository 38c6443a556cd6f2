using System.Text;
using Confluent.Kafka;
using Grains.Streaming.Kafka;
using Grains.Streaming.Kafka.Embedded;
using Grains.Streaming.Kafka.Streams;
using Microsoft.Extensions.Logging.Abstractions;

namespace Platform.Tests.Streaming;

/// <summary>
/// The silo's consumer of the process's embedded broker sleeps while nothing comes (no fetch, so no CPU), wakes at
/// a write of the process, and still finds a write from outside it.
/// </summary>
public sealed class KafkaIdleConsumerTests
{
    private const string Topic = "idle-consumer";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_idle_consumer_sleeps_and_a_write_of_the_process_wakes_it_to_deliver()
    {
        await using var broker = EmbeddedKafkaBroker.Start(new EmbeddedKafkaBrokerOptions { Topics = { [Topic] = 2 } });
        var configs = Configs(broker);
        Assert.NotNull(configs.LocalWrites);
        using var consumer = new KafkaSiloConsumer(configs.SiloConsumer(), 1 << 20, NullLogger.Instance, configs.LocalWrites);
        var feed = consumer.Open(new TopicPartition(Topic, 0));
        using var producer = new ProducerBuilder<Null, string>(configs.Producer()).Build();

        for (var round = 0; round < 3; round++)
        {
            await Eventually.Until(() => Task.FromResult(consumer.IsSleeping), Deadline, "the idle consumer to sleep");
            await producer.ProduceAsync(new TopicPartition(Topic, 0), new Message<Null, string> { Value = $"local-{round}" });
            configs.LocalWrites!.Wake();
            Assert.Equal($"local-{round}", await TakeAsync(feed));
        }
        consumer.Close(feed, null);
    }

    [Fact]
    public async Task A_write_from_outside_the_process_is_read_by_the_sleeping_consumer_s_next_look()
    {
        await using var broker = EmbeddedKafkaBroker.Start(new EmbeddedKafkaBrokerOptions { Topics = { [Topic] = 2 } });
        var configs = Configs(broker);
        using var consumer = new KafkaSiloConsumer(configs.SiloConsumer(), 1 << 20, NullLogger.Instance, configs.LocalWrites);
        var feed = consumer.Open(new TopicPartition(Topic, 1));
        await Eventually.Until(() => Task.FromResult(consumer.IsSleeping), Deadline, "the idle consumer to sleep");

        // A plain client, as a process outside would write: nothing wakes the consumer.
        using (var outside = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = broker.BootstrapServers }).Build())
            await outside.ProduceAsync(new TopicPartition(Topic, 1), new Message<Null, string> { Value = "from outside" });

        Assert.Equal("from outside", await TakeAsync(feed));
        consumer.Close(feed, null);
    }

    [Fact]
    public async Task Only_the_process_s_own_embedded_broker_lets_consumers_sleep()
    {
        await using var broker = EmbeddedKafkaBroker.Start(new EmbeddedKafkaBrokerOptions());
        Assert.NotNull(Configs(broker).LocalWrites);
        Assert.Null(new KafkaClientConfigs(new KafkaStreamOptions(), "kafka.example:9092", "test").LocalWrites);
    }

    private static KafkaClientConfigs Configs(EmbeddedKafkaBroker broker) =>
        new(new KafkaStreamOptions { ConsumerGroup = $"idle-{Guid.NewGuid():N}" }, broker.BootstrapServers, "test");

    private static async Task<string> TakeAsync(PartitionFeed feed)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        ConsumeResult<byte[]?, byte[]?>? result;
        while (!feed.TryTake(out result)) await feed.WaitToTakeAsync(deadline.Token);
        return Encoding.UTF8.GetString(result.Message.Value!);
    }
}
