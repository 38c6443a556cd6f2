using Confluent.Kafka;
using Orleans.Streams;

namespace Grains.Streaming.Kafka.Streams;

internal static partial class KafkaStreamsLog
{
    [LoggerMessage(1, LogLevel.Warning, "No Kafka:BootstrapServers configured: using the embedded Kafka broker at {BootstrapServers}, which keeps its topics in memory only (each partition its newest ~5 MiB)")]
    public static partial void UsingEmbeddedBroker(this ILogger logger, string bootstrapServers);

    [LoggerMessage(2, LogLevel.Information, "Topic {Topic} created with {Partitions} partitions")]
    public static partial void TopicCreated(this ILogger logger, string topic, int partitions);

    [LoggerMessage(3, LogLevel.Warning, "Could not create the Kafka topics; checking that they exist. {Reason}")]
    public static partial void TopicCreationFailed(this ILogger logger, string reason);

    [LoggerMessage(4, LogLevel.Debug, "Reading {Topic}[{Partition}] from the committed offset of group {Group}")]
    public static partial void PartitionAssigned(this ILogger logger, string topic, int partition, string group);

    [LoggerMessage(5, LogLevel.Debug, "Stopped reading {Topic}[{Partition}]; committed offset {Offset} (-1: nothing delivered)")]
    public static partial void PartitionReleased(this ILogger logger, string topic, int partition, long offset);

    [LoggerMessage(6, LogLevel.Warning, "Kafka consumer {Client} reported {Error}")]
    public static partial void ConsumerError(this ILogger logger, string client, Error error);

    [LoggerMessage(7, LogLevel.Warning, "Reading Kafka failed (partition {Partition}); reading goes on")]
    public static partial void ConsumeFailed(this ILogger logger, Exception exception, string? partition);

    [LoggerMessage(8, LogLevel.Warning, "Delivery of stream {StreamId} at {Token} to subscription {SubscriptionId} failed; offsets of {Topic}[{Partition}] stay uncommitted from there and the message is read again when the partition is next assigned")]
    public static partial void DeliveryFailed(this ILogger logger, StreamId streamId, StreamSequenceToken? token, GuidId subscriptionId, string topic, int partition);

    [LoggerMessage(9, LogLevel.Warning, "Subscription {SubscriptionId} to stream {StreamId} on {Topic}[{Partition}] failed at {Token}")]
    public static partial void SubscriptionFailed(this ILogger logger, GuidId subscriptionId, StreamId streamId, StreamSequenceToken? token, string topic, int partition);

    [LoggerMessage(10, LogLevel.Warning, "Kafka producer reported {Error}")]
    public static partial void ProducerError(this ILogger logger, Error error);

    [LoggerMessage(11, LogLevel.Error, "Skipped the unreadable message at {Topic}[{Partition}] offset {Offset}")]
    public static partial void UnreadableMessage(this ILogger logger, Exception exception, string topic, int partition, long offset);

    [LoggerMessage(12, LogLevel.Warning, "The message at {Topic}[{Partition}] offset {Offset} is not JSON: only KafkaRecord subscribers receive it")]
    public static partial void NotJsonMessage(this ILogger logger, string topic, int partition, long offset);

    [LoggerMessage(13, LogLevel.Information, "Re-reading stream {StreamId} from {Topic}[{Partition}] after offset {After} up to {End}: a subscriber asked for a token older than the cache")]
    public static partial void Rewinding(this ILogger logger, StreamId streamId, string topic, int partition, long after, long end);

    [LoggerMessage(14, LogLevel.Warning, "Re-reading {Topic}[{Partition}] from offset {From} failed; trying again")]
    public static partial void RewindFailed(this ILogger logger, Exception exception, string topic, int partition, long from);

    [LoggerMessage(15, LogLevel.Warning, "A subscriber asked {Topic}[{Partition}] for the messages after offset {After}, but the log now starts at {Start}: the ones between are gone")]
    public static partial void RewindPastRetention(this ILogger logger, string topic, int partition, long after, long start);

    [LoggerMessage(16, LogLevel.Error, "Gave up re-reading {Topic}[{Partition}] from offset {From} to {End} for stream {StreamId}: its subscriber goes on from the cache without those messages")]
    public static partial void RewindGivenUp(this ILogger logger, Exception exception, string topic, int partition, long from, long end, StreamId streamId);

    [LoggerMessage(17, LogLevel.Error, "The reading thread of the Kafka consumer of group {Group} did not stop within {Timeout}; the consumer is left open rather than destroyed under it")]
    public static partial void ConsumerReaderDidNotStop(this ILogger logger, string group, TimeSpan timeout);
}
