using Confluent.Kafka;
using Orleans.Serialization;
using Orleans.Streams;

namespace Grains.Streaming.Kafka.Streams;

/// <summary>
/// Reads one Kafka partition for the silo that owns its queue. The partition is assigned by hand, not
/// through group rebalancing: Orleans' queue balancer decides ownership, the group only keeps the offsets.
/// </summary>
internal sealed class KafkaQueueAdapterReceiver(
    TopicPartition partition,
    ConsumerConfig config,
    Serializer<KafkaOrleansPayload> serializer,
    int maxBatchSize,
    KafkaPartitionRewinder rewinder,
    ILogger logger) : IQueueAdapterReceiver
{
    private readonly KafkaOffsetTracker _offsets = new();
    private IConsumer<byte[]?, byte[]?>? _consumer;
    private long _stored = -1;

    public Task Initialize(TimeSpan timeout)
    {
        _consumer = new ConsumerBuilder<byte[]?, byte[]?>(config)
            .SetErrorHandler((_, error) => logger.ConsumerError(partition.Topic, partition.Partition.Value, error))
            .Build();
        _consumer.Assign(new TopicPartitionOffset(partition, Offset.Stored));
        KafkaConsumerLag.Track(this, partition, Lag);
        logger.PartitionAssigned(partition.Topic, partition.Partition.Value, config.GroupId);
        return Task.CompletedTask;
    }

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        var batch = new List<IBatchContainer>();
        if (_consumer is not { } consumer)
        {
            return Task.FromResult<IList<IBatchContainer>>(batch);
        }

        var limit = maxCount > 0 ? Math.Min(maxCount, maxBatchSize) : maxBatchSize;
        try
        {
            // A zero timeout only takes what librdkafka has already fetched in the background: no blocking here.
            while (batch.Count < limit && consumer.Consume(TimeSpan.Zero) is { } result)
            {
                var container = KafkaBatchContainer.Read(result, serializer, logger);
                _offsets.Fetched(container.Offset);
                batch.Add(container);
                rewinder.NextOffset = container.Offset + 1;
            }
        }
        catch (ConsumeException ex) when (batch.Count > 0)
        {
            // The messages already taken must reach the cache, or their offsets could never be committed.
            logger.ConsumeFailed(ex, partition.Topic, partition.Partition.Value, batch.Count);
        }

        rewinder.AddWakeUps(batch);
        return Task.FromResult<IList<IBatchContainer>>(batch);
    }

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => MessagesDeliveredAsync(messages, CancellationToken.None);

    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            _offsets.Delivered(((KafkaBatchContainer)message).Offset);
        }

        if (_consumer is { } consumer && _offsets.TryAdvance(out var next))
        {
            // Stored offsets are committed by librdkafka's auto-commit timer and on shutdown.
            consumer.StoreOffset(new TopicPartitionOffset(partition, next));
            _stored = next;
        }

        return Task.CompletedTask;
    }

    /// <summary>Log end minus the next offset to commit; unknown until the consumer has fetched once.</summary>
    private long? Lag()
    {
        if (_consumer is not { } consumer) return null;
        var watermarks = consumer.GetWatermarkOffsets(partition);
        if (watermarks.High == Offset.Unset) return null;
        var committed = _stored >= 0 ? _stored : watermarks.Low.Value;
        return Math.Max(0, watermarks.High.Value - Math.Max(committed, 0));
    }

    public Task Shutdown(TimeSpan timeout)
    {
        if (_consumer is not { } consumer)
        {
            return Task.CompletedTask;
        }

        _consumer = null;
        KafkaConsumerLag.Forget(this);
        try
        {
            if (_stored >= 0)
            {
                consumer.Commit([new TopicPartitionOffset(partition, _stored)]);
            }

            consumer.Close();
        }
        finally
        {
            consumer.Dispose();
        }

        logger.PartitionReleased(partition.Topic, partition.Partition.Value, _stored);
        return Task.CompletedTask;
    }
}
