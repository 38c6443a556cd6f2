using System.Text;
using Confluent.Kafka;
using Grains.Streaming.Kafka;
using Grains.Streaming.Kafka.Embedded;
using Grains.Streaming.Kafka.Streams;
using Microsoft.Extensions.Logging.Abstractions;

namespace Platform.Tests.Streaming;

/// <summary>The silo's one consumer: a partition whose reader falls behind is paused alone, and loses nothing.</summary>
public sealed class KafkaSiloConsumerTests
{
    private const string Topic = "silo-consumer";
    private const int PerPartition = 300;
    // About eight of these messages (each counted with 64 bytes of overhead).
    private const long FeedBytes = 8 * 70;

    [Fact]
    public async Task A_full_feed_pauses_its_partition_only_and_then_hands_over_every_message_once_in_order()
    {
        await using var broker = EmbeddedKafkaBroker.Start(new EmbeddedKafkaBrokerOptions { Topics = { [Topic] = 2 } });
        using (var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = broker.BootstrapServers }).Build())
        {
            for (var i = 0; i < PerPartition; i++)
            {
                foreach (var partition in new[] { 0, 1 })
                    producer.Produce(new TopicPartition(Topic, partition), new Message<Null, string> { Value = $"{partition}:{i}" });
            }
            producer.Flush(TimeSpan.FromSeconds(30));
        }

        var options = new KafkaStreamOptions { ConsumerGroup = $"silo-consumer-{Guid.NewGuid():N}" };
        var config = new KafkaClientConfigs(options, broker.BootstrapServers, "test").SiloConsumer();
        using var consumer = new KafkaSiloConsumer(config, FeedBytes, NullLogger.Instance);
        var slow = consumer.Open(new TopicPartition(Topic, 0));
        var fast = consumer.Open(new TopicPartition(Topic, 1));

        // Nobody reads partition 0: its feed fills, and partition 1 is still read to its end.
        var fastValues = await ReadAsync(fast, PerPartition);
        Assert.Equal(Expected(1), fastValues);
        await Eventually.Until(() => Task.FromResult(slow.IsFull), TimeSpan.FromSeconds(30), "partition 0's feed to fill");

        // Read slowly, partition 0 resumes each time its feed has room, and nothing is lost or doubled.
        var slowValues = await ReadAsync(slow, PerPartition);
        Assert.Equal(Expected(0), slowValues);

        consumer.Close(slow, PerPartition);
        consumer.Close(fast, PerPartition);
        Assert.False(await slow.WaitToTakeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_lag_asked_while_the_consumer_closes_is_an_answer_or_none_never_a_crash()
    {
        const string topic = "silo-consumer-lag";
        await using var broker = EmbeddedKafkaBroker.Start(new EmbeddedKafkaBrokerOptions { Topics = { [topic] = 1 } });
        var partition = new TopicPartition(topic, 0);
        using (var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = broker.BootstrapServers }).Build())
            await producer.ProduceAsync(partition, new Message<Null, string> { Value = "one" });
        var options = new KafkaStreamOptions { ConsumerGroup = $"silo-consumer-lag-{Guid.NewGuid():N}" };
        var consumer = new KafkaSiloConsumer(new KafkaClientConfigs(options, broker.BootstrapServers, "test").SiloConsumer(), FeedBytes, NullLogger.Instance);
        var feed = consumer.Open(partition);
        await Eventually.Until(() => Task.FromResult(consumer.Lag(partition, -1)), lag => lag == 1, TimeSpan.FromSeconds(30), "the partition's lag");
        consumer.Close(feed, null);

        // The lag gauge is observed on a thread of its own, which may ask just as the partition's last receiver leaves.
        var closing = Task.Run(consumer.Dispose);
        var answers = new List<long?>();
        while (!closing.IsCompleted) answers.Add(consumer.Lag(partition, -1));
        await closing;

        Assert.All(answers, lag => Assert.True(lag is null or 1, $"lag {lag}"));
        Assert.Null(consumer.Lag(partition, -1));
    }

    private static List<string> Expected(int partition) => [.. Enumerable.Range(0, PerPartition).Select(i => $"{partition}:{i}")];

    private static async Task<List<string>> ReadAsync(PartitionFeed feed, int count)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var values = new List<string>();
        while (values.Count < count)
        {
            if (feed.TryTake(out var result)) values.Add(Encoding.UTF8.GetString(result.Message.Value!));
            else await feed.WaitToTakeAsync(deadline.Token);
        }
        return values;
    }
}
