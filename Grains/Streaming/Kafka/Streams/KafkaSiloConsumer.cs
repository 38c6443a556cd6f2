using System.Collections.Concurrent;
using System.Threading.Channels;
using Confluent.Kafka;

namespace Grains.Streaming.Kafka.Streams;

/// <summary>
/// The one librdkafka consumer of a silo's stream provider: every partition this silo's receivers read is assigned to
/// it, so one fetch request a round trip covers them all, where a consumer per partition made one each. One thread
/// reads it and hands each message to its partition's <see cref="PartitionFeed"/>; a feed that is full pauses its
/// partition alone (the others go on) until its receiver has taken enough.
/// </summary>
internal sealed class KafkaSiloConsumer : IDisposable
{
    /// <summary>How long a read waits for a message while every partition flows: only stopping waits for it.</summary>
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>How long it waits while a partition is paused: it must see soon that the partition's feed has room again.</summary>
    private static readonly TimeSpan PausedPollTimeout = TimeSpan.FromMilliseconds(2);

    private readonly IConsumer<byte[]?, byte[]?> _consumer;
    private readonly ConcurrentDictionary<TopicPartition, PartitionFeed> _feeds = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Thread _reader;
    private readonly ILogger _logger;
    private readonly int _feedCapacity;

    public KafkaSiloConsumer(ConsumerConfig config, int feedCapacity, ILogger logger)
    {
        _logger = logger;
        _feedCapacity = feedCapacity;
        GroupId = config.GroupId;
        _consumer = new ConsumerBuilder<byte[]?, byte[]?>(config)
            .SetErrorHandler((_, error) => logger.ConsumerError(config.ClientId, error))
            .Build();
        _reader = new Thread(Read) { IsBackground = true, Name = $"kafka-{config.ClientId}" };
        _reader.Start();
    }

    /// <summary>The group whose committed offsets the partitions are read from.</summary>
    public string GroupId { get; }

    /// <summary>Starts reading <paramref name="partition"/> from its group's committed offset.</summary>
    public PartitionFeed Open(TopicPartition partition)
    {
        var feed = new PartitionFeed(partition, _feedCapacity);
        if (!_feeds.TryAdd(partition, feed))
            throw new InvalidOperationException($"{partition} is read already.");
        _consumer.IncrementalAssign([new TopicPartitionOffset(partition, Offset.Stored)]);
        // A partition this consumer read before may still be paused from then.
        _consumer.Resume([partition]);
        return feed;
    }

    /// <summary>Commits <paramref name="next"/> (when there is one) and stops reading the feed's partition.</summary>
    public void Close(PartitionFeed feed, long? next)
    {
        if (next is { } offset)
            _consumer.Commit([new TopicPartitionOffset(feed.Partition, offset)]);
        _consumer.IncrementalUnassign([feed.Partition]);
        _feeds.TryRemove(feed.Partition, out _);
        feed.Complete();
    }

    /// <summary>Marks the offset after the delivered messages, for the auto-commit timer (and <see cref="Close"/>).</summary>
    public void Store(TopicPartition partition, long next) => _consumer.StoreOffset(new TopicPartitionOffset(partition, next));

    /// <summary>Log end less the next offset to commit; null until the partition has been fetched once.</summary>
    public long? Lag(TopicPartition partition, long stored)
    {
        var watermarks = _consumer.GetWatermarkOffsets(partition);
        if (watermarks.High == Offset.Unset) return null;
        var committed = stored >= 0 ? stored : watermarks.Low.Value;
        return Math.Max(0, watermarks.High.Value - Math.Max(committed, 0));
    }

    private void Read()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                var anyPaused = ResumeDrained();
                if (_consumer.Consume(anyPaused ? PausedPollTimeout : PollTimeout) is not { Message: not null } result) continue;
                // A partition unassigned meanwhile is read again by its next reader, from the committed offset.
                if (_feeds.TryGetValue(result.TopicPartition, out var feed) && feed.Fills(result))
                    _consumer.Pause([result.TopicPartition]);
            }
            catch (ConsumeException exception)
            {
                _logger.ConsumeFailed(exception, exception.ConsumerRecord?.TopicPartition.ToString());
            }
            catch (KafkaException exception) when (!_stopping.IsCancellationRequested)
            {
                _logger.ConsumeFailed(exception, null);
            }
            catch (ObjectDisposedException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Feeds that paused their partition and have room again get what they held back, then their partition resumes.
    /// Answers whether a partition is still paused.
    /// </summary>
    private bool ResumeDrained()
    {
        var anyPaused = false;
        foreach (var feed in _feeds.Values)
        {
            if (!feed.IsHoldingBack) continue;
            if (feed.TryReleaseOverflow())
                _consumer.Resume([feed.Partition]);
            else
                anyPaused = true;
        }
        return anyPaused;
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _reader.Join(PollTimeout * 5);
        _consumer.Close();
        _consumer.Dispose();
        _stopping.Dispose();
    }
}

/// <summary>
/// One partition's messages on their way from the silo's consumer to its receiver, at most a capacity of them. What
/// arrives while it is full is held back (librdkafka may still hand over what it fetched before the pause), in order.
/// </summary>
internal sealed class PartitionFeed(TopicPartition partition, int capacity)
{
    private readonly Channel<ConsumeResult<byte[]?, byte[]?>> _messages = Channel.CreateBounded<ConsumeResult<byte[]?, byte[]?>>(
        new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly Queue<ConsumeResult<byte[]?, byte[]?>> _overflow = new();
    private volatile bool _closed;

    public TopicPartition Partition => partition;

    public ChannelReader<ConsumeResult<byte[]?, byte[]?>> Messages => _messages.Reader;

    /// <summary>Only the consumer's thread reads it: whether messages wait outside the feed (its partition is paused).</summary>
    internal bool IsHoldingBack => _overflow.Count > 0;

    /// <summary>
    /// Only the consumer's thread calls it. True when this message found the feed full (it is held back): the caller
    /// pauses the partition. A closed feed takes nothing and pauses nothing.
    /// </summary>
    internal bool Fills(ConsumeResult<byte[]?, byte[]?> result)
    {
        if (_closed || (_overflow.Count == 0 && _messages.Writer.TryWrite(result))) return false;
        _overflow.Enqueue(result);
        return _overflow.Count == 1;
    }

    /// <summary>Only the consumer's thread calls it. True when everything held back is in the feed now, so the partition may resume.</summary>
    internal bool TryReleaseOverflow()
    {
        // Not before half the feed is free: a pause drops what librdkafka fetched for the partition, and a resume
        // fetches again, so resuming at the first free slot would pause, drop and fetch once per batch taken.
        if (_closed || _overflow.Count == 0 || _messages.Reader.Count > capacity / 2) return false;
        while (_overflow.TryPeek(out var held) && _messages.Writer.TryWrite(held))
            _overflow.Dequeue();
        return _overflow.Count == 0;
    }

    internal void Complete()
    {
        _closed = true;
        _messages.Writer.TryComplete();
    }
}
