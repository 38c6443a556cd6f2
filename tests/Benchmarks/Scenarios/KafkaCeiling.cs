using System.Diagnostics;
using Confluent.Kafka;

namespace Benchmarks.Scenarios;

/// <summary>Plain Confluent.Kafka clients on the platform's broker: what the broker and client library can do at most.</summary>
public static class KafkaCeiling
{
    /// <summary>Produces the events to a fresh topic while a consumer reads them; events/s until the last one is read.</summary>
    public static async Task<double> ProduceAndConsumeAsync(string bootstrap, IReadOnlyList<(string Key, string Json)> events)
    {
        var topic = $"bench.ceiling.{Guid.NewGuid():N}";
        using var producer = Producer(bootstrap);
        // The broker creates a topic on its first write; the consumer then sees all of its partitions.
        await producer.ProduceAsync(topic, new Message<string, string> { Key = "", Value = "{}" });
        var partitions = Partitions(bootstrap, topic);

        var clock = Stopwatch.StartNew();
        var consume = Task.Run(() => Consume(bootstrap, partitions.Select(p => new TopicPartitionOffset(p, Offset.Beginning)), events.Count + 1));
        foreach (var (key, json) in events)
            Produce(producer, topic, key, json);
        producer.Flush(TimeSpan.FromMinutes(1));
        await consume;
        return events.Count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>A plain consumer reading <paramref name="count"/> messages from the given offsets: events/s after the first <paramref name="warmUp"/>.</summary>
    public static double Consume(string bootstrap, IEnumerable<TopicPartitionOffset> from, int count, int warmUp = 0)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = $"bench-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
        };
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(config).Build();
        consumer.Assign(from);
        var deadline = Stopwatch.StartNew();
        // From the first message to the last, as the provider's own row is timed: connecting is not throughput.
        Stopwatch? clock = null;
        var read = 0;
        while (read < count)
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException($"The plain consumer read {read} of {count} messages.");
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is null) continue;
            if (read++ == warmUp) clock = Stopwatch.StartNew();
        }
        return (count - warmUp - 1) / clock!.Elapsed.TotalSeconds;
    }

    public static IProducer<string, string> Producer(string bootstrap) =>
        new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = bootstrap,
            Acks = Acks.All,
            EnableIdempotence = true,
            Partitioner = Partitioner.Murmur2Random,
        }).Build();

    public static void Produce(IProducer<string, string> producer, string topic, string key, string json)
    {
        while (true)
        {
            try
            {
                producer.Produce(topic, new Message<string, string> { Key = key, Value = json });
                return;
            }
            catch (ProduceException<string, string> e) when (e.Error.Code == Confluent.Kafka.ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(10));
            }
        }
    }

    public static List<TopicPartition> Partitions(string bootstrap, string topic)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10));
        return [.. metadata.Topics[0].Partitions.Select(p => new TopicPartition(topic, p.PartitionId))];
    }
}
