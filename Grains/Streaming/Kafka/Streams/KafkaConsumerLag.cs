using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Confluent.Kafka;

namespace Grains.Streaming.Kafka;

/// <summary>
/// The <c>kafka.consumer.lag</c> gauge: per partition this silo reads, the messages between the log's end and
/// the offset committed after delivery, i.e. what a restart would have to read (again).
/// </summary>
public static class KafkaConsumerLag
{
    public const string MeterName = "Grains.Streaming.Kafka";

    private static readonly Meter Meter = new(MeterName);
    private static readonly ConcurrentDictionary<TopicPartition, Func<long?>> Partitions = new();

    static KafkaConsumerLag() => Meter.CreateObservableGauge("kafka.consumer.lag", Observe, "{message}",
        "Messages of a partition not yet delivered to Orleans and committed.");

    internal static void Track(TopicPartition partition, Func<long?> lag) => Partitions[partition] = lag;

    internal static void Forget(TopicPartition partition) => Partitions.TryRemove(partition, out _);

    private static IEnumerable<Measurement<long>> Observe()
    {
        foreach (var (partition, lag) in Partitions)
            if (lag() is { } value)
                yield return new Measurement<long>(value,
                    new KeyValuePair<string, object?>("topic", partition.Topic),
                    new KeyValuePair<string, object?>("partition", partition.Partition.Value));
    }
}
