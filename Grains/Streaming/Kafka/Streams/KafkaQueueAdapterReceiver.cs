using Confluent.Kafka;
using Orleans.Serialization;
using Orleans.Streams;

namespace Grains.Streaming.Kafka.Streams;

/// <summary>
/// Reads one Kafka partition for the silo that owns its queue, through one of the silo's consumers. The partition is
/// assigned by hand, not through group rebalancing: Orleans' queue balancer decides ownership, the group only keeps
/// the offsets.
/// </summary>
internal sealed class KafkaQueueAdapterReceiver(
    TopicPartition partition,
    SharedKafkaConsumer shared,
    Serializer<KafkaOrleansPayload> serializer,
    int maxBatchSize,
    KafkaPartitionRewinder rewinder,
    KafkaReceiverStop stop,
    ILogger logger) : IQueueAdapterReceiver
{
    /// <summary>
    /// How long a read waits for a message once the queue has been found empty <see cref="EmptyReadsBeforeWaiting"/>
    /// times in a row. The pulling agent's timer ticks again only once a read returns, so an idle queue wakes the silo
    /// once per wait instead of once per timer period. Everything the agent must react to ends the wait at once: a
    /// message, a rewind's wake-up, the agent stopping (its timer's disposal cancels the read); what is left for the
    /// agent's read loop while nothing arrives is housekeeping that can wait (dropping streams inactive for
    /// <c>StreamInactivityPeriod</c>), so the wait is long: each one ending costs a timer and a wake-up of the silo.
    /// </summary>
    internal static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Empty reads before a read waits. Under load a read seldom finds the queue empty, and then the timer's period
    /// gathers a batch; a read woken by the first message would take it alone, and the agent would do per message
    /// what it does per batch. Nor does a read wait while messages it handed over are not yet reported delivered: the
    /// agent purges its cache (and so reports them, and their offsets get committed) only when it reads, and a silo
    /// stopping during a wait would otherwise stop before committing them.
    /// </summary>
    internal const int EmptyReadsBeforeWaiting = 10;

    private readonly KafkaOffsetTracker _offsets = new();
    private KafkaSiloConsumer? _consumer;
    private PartitionFeed? _feed;
    private long _stored = -1;
    private int _emptyReads;
    private volatile bool _unreported;

    /// <summary>Whether a message handed over has not yet been reported delivered; read by <see cref="KafkaReceiverStop"/>.</summary>
    internal bool HasUnreportedMessages => _unreported;

    public Task Initialize(TimeSpan timeout)
    {
        _consumer = shared.Rent(partition);
        _feed = _consumer.Open(partition);
        var consumer = _consumer;
        KafkaConsumerLag.Track(this, partition, () => consumer.Lag(partition, _stored));
        stop.Add(this);
        logger.PartitionAssigned(partition.Topic, partition.Partition.Value, consumer.GroupId);
        return Task.CompletedTask;
    }

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        if (_feed is not { } feed)
            return [];
        // A stopping silo takes nothing new; wake-ups still go, so that rewound cursors finish what the cache holds.
        if (stop.Stopping || rewinder.CacheIsFull)
        {
            var wakeUps = new List<IBatchContainer>();
            rewinder.AddWakeUps(wakeUps);
            return wakeUps;
        }

        var limit = maxCount > 0 ? Math.Min(maxCount, maxBatchSize) : maxBatchSize;
        var batch = Take(feed, limit);
        if (batch.Count > 0)
        {
            _emptyReads = 0;
        }
        else if (++_emptyReads >= EmptyReadsBeforeWaiting && !_offsets.HasPending)
        {
            await WaitForMessagesAsync(feed, cancellationToken);
            batch = Take(feed, limit);
        }

        rewinder.AddWakeUps(batch);
        return batch;
    }

    private List<IBatchContainer> Take(PartitionFeed feed, int limit)
    {
        var batch = new List<IBatchContainer>();
        while (batch.Count < limit && feed.TryTake(out var result))
        {
            var container = KafkaBatchContainer.Read(result, serializer, logger);
            _offsets.Fetched(container.Offset);
            batch.Add(container);
        }
        if (batch is [.., KafkaBatchContainer last]) rewinder.NextOffset = last.Offset + 1;
        _unreported = _offsets.HasPending;
        return batch;
    }

    /// <summary>Until a message arrives, a rewind asks to wake its subscriber, the idle wait is over, or the agent stops.</summary>
    private async Task WaitForMessagesAsync(PartitionFeed feed, CancellationToken cancellationToken)
    {
        using var idle = new CancellationTokenSource(IdleWait);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(idle.Token, cancellationToken);
        var message = feed.WaitToTakeAsync(either.Token).AsTask();
        await Task.WhenAny(message, rewinder.WakeUpRequested);
        // Whichever came first, the other wait is not needed any more; a cancelled wait just means nothing came.
        await either.CancelAsync();
        await ((Task)message).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
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
        _unreported = _offsets.HasPending;

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
        stop.Remove(this);
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
}
