using Confluent.Kafka;
using Orleans.Streams;

namespace Grains.Streaming.Kafka.Streams;

/// <summary>
/// Logs failed deliveries of one partition. It need not hold anything back itself: the cache never reports
/// a failed batch as delivered, so <see cref="KafkaOffsetTracker"/> keeps its offset uncommitted.
/// </summary>
internal sealed class KafkaDeliveryFailureHandler(TopicPartition partition, ILogger logger) : IStreamFailureHandler
{
    public bool ShouldFaultSubsriptionOnError => false;

    public Task OnDeliveryFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        logger.DeliveryFailed(streamIdentity, sequenceToken, subscriptionId, partition.Topic, partition.Partition.Value);
        return Task.CompletedTask;
    }

    public Task OnSubscriptionFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        logger.SubscriptionFailed(subscriptionId, streamIdentity, sequenceToken, partition.Topic, partition.Partition.Value);
        return Task.CompletedTask;
    }
}
