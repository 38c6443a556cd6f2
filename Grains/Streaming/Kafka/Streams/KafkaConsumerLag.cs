using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Confluent.Kafka;

namespace Grains.Streaming.Kafka.Streams;

/// <summary>
/// The <c>kafka.consumer.lag</c> gauge: per partition this silo reads, the messages between the log's end and
/// the offset committed after delivery, i.e. what a restart would have to read (again).
/// </summary>
public static class KafkaConsumerLag
{
    public const string MeterName = "Grains.Streaming.Kafka";

    private static readonly Meter Meter = new(MeterName);
    // Keyed by the reading receiver, not the partition: hosts sharing a process (tests) read the same partitions.
    private static readonly ConcurrentDictionary<object, (TopicPartition Partition, Func<long?> Lag)> Partitions = new();

    static KafkaConsumerLag() => Meter.CreateObservableGauge("kafka.consumer.lag", Observe, "{message}",
        "Messages of a partition not yet delivered to Orleans and committed.");

    internal static void Track(object receiver, TopicPartition partition, Func<long?> lag) => Partitions[receiver] = (partition, lag);

    internal static void Forget(object receiver) => Partitions.TryRemove(receiver, out _);

    private static IEnumerable<Measurement<long>> Observe()
    {
        foreach (var (partition, lag) in Partitions.Values)
        {
            if (lag() is { } value)
            {
                yield return new Measurement<long>(value,
                    new KeyValuePair<string, object?>("topic", partition.Topic),
                    new KeyValuePair<string, object?>("partition", partition.Partition.Value));
            }
        }
    }
}
