using Confluent.Kafka;
using Orleans.Serialization;
using Orleans.Streams;

namespace Grains.Streaming.Kafka.Streams;

/// <summary>
/// Reads one Kafka partition for the silo that owns its queue, through the silo's one consumer. The partition is
/// assigned by hand, not through group rebalancing: Orleans' queue balancer decides ownership, the group only keeps
/// the offsets.
/// </summary>
internal sealed class KafkaQueueAdapterReceiver(
    TopicPartition partition,
    SharedKafkaConsumer shared,
    Serializer<KafkaOrleansPayload> serializer,
    int maxBatchSize,
    ILogger logger) : IQueueAdapterReceiver
{
    /// <summary>
    /// How long a read waits for a message once the queue has been found empty <see cref="EmptyReadsBeforeWaiting"/>
    /// times in a row. The pulling agent's timer ticks again only once a read returns, so an idle queue wakes the silo
    /// once per wait instead of once per timer period; a message that arrives ends the wait at once.
    /// </summary>
    internal static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Empty reads before a read waits. Under load a read seldom finds the queue empty, and then the timer's period
    /// gathers a batch; a read woken by the first message would take it alone, and the agent would do per message
    /// what it does per batch.
    /// </summary>
    internal const int EmptyReadsBeforeWaiting = 10;

    private readonly KafkaOffsetTracker _offsets = new();
    private KafkaSiloConsumer? _consumer;
    private PartitionFeed? _feed;
    private long _stored = -1;
    private int _emptyReads;

    public Task Initialize(TimeSpan timeout)
    {
        _consumer = shared.Rent(partition);
        _feed = _consumer.Open(partition);
        var consumer = _consumer;
        KafkaConsumerLag.Track(this, partition, () => consumer.Lag(partition, _stored));
        logger.PartitionAssigned(partition.Topic, partition.Partition.Value, consumer.GroupId);
        return Task.CompletedTask;
    }

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        if (_feed is not { } feed)
            return [];
        var limit = maxCount > 0 ? Math.Min(maxCount, maxBatchSize) : maxBatchSize;
        var batch = Take(feed, limit);
        if (batch.Count > 0)
            _emptyReads = 0;
        else if (++_emptyReads >= EmptyReadsBeforeWaiting && await WaitForMessagesAsync(feed, cancellationToken))
            batch = Take(feed, limit);
        return batch;
    }

    private List<IBatchContainer> Take(PartitionFeed feed, int limit)
    {
        var batch = new List<IBatchContainer>();
        while (batch.Count < limit && feed.TryTake(out var result))
        {
            var container = Decode(result);
            _offsets.Fetched(container.Offset);
            batch.Add(container);
        }
        return batch;
    }

    private static async Task<bool> WaitForMessagesAsync(PartitionFeed feed, CancellationToken cancellationToken)
    {
        using var idle = new CancellationTokenSource(IdleWait);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(idle.Token, cancellationToken);
        try
        {
            return await feed.WaitToTakeAsync(either.Token);
        }
        catch (OperationCanceledException)
        {
            // Nothing came (or the agent stops): the agent's next tick reads again.
            return false;
        }
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
            // Stored offsets are committed by librdkafka's auto-commit timer and when the partition is released.
            consumer.Store(partition, next);
            _stored = next;
        }

        return Task.CompletedTask;
    }

    public Task Shutdown(TimeSpan timeout)
    {
        if (_consumer is not { } consumer || _feed is not { } feed)
        {
            return Task.CompletedTask;
        }

        (_consumer, _feed) = (null, null);
        KafkaConsumerLag.Forget(this);
        try
        {
            consumer.Close(feed, _stored >= 0 ? _stored : null);
        }
        finally
        {
            shared.Return(partition);
        }

        logger.PartitionReleased(partition.Topic, partition.Partition.Value, _stored);
        return Task.CompletedTask;
    }

    private KafkaBatchContainer Decode(ConsumeResult<byte[]?, byte[]?> result)
    {
        try
        {
            var container = KafkaBatchContainer.From(result, serializer);
            if (!container.IsReadable)
                logger.NotJsonMessage(partition.Topic, partition.Partition.Value, result.Offset.Value);
            return container;
        }
        catch (Exception ex)
        {
            // No subscriber could ever take it: passing it on empty lets its offset be committed instead of
            // holding back the whole partition.
            logger.UnreadableMessage(ex, partition.Topic, partition.Partition.Value, result.Offset.Value);
            return KafkaBatchContainer.Empty(result);
        }
    }
}
