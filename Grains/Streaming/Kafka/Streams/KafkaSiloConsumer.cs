using System.Collections.Concurrent;
using System.Threading.Channels;
using Confluent.Kafka;

namespace Grains.Streaming.Kafka.Streams;

/// <summary>
/// A librdkafka consumer of a silo's stream provider, one per core (<see cref="SharedKafkaConsumer"/>): the partitions
/// of this silo's receivers that fall to it are assigned to it, so one fetch request a round trip covers them all,
/// where a consumer per partition made one each. One thread reads it and hands each message to its partition's
/// <see cref="PartitionFeed"/>; a feed that is full pauses its partition alone (the others go on) until its receiver
/// has taken half of it. Where the process's own writes can wake it (<see cref="KafkaLocalWrites"/>), a consumer that has
/// read nothing for <see cref="IdleAfter"/> pauses every partition and sleeps until a write, or for
/// <see cref="IdleProbePeriod"/>, after which it looks once: a writer outside the process is read within that.
/// </summary>
internal sealed class KafkaSiloConsumer : IDisposable
{
    /// <summary>How long a read waits for a message while every partition flows: only stopping waits for it.</summary>
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>How long it waits while a partition is paused: it must see soon that the partition's feed has room again.</summary>
    private static readonly TimeSpan PausedPollTimeout = TimeSpan.FromMilliseconds(2);

    /// <summary>How long nothing must have come before the consumer sleeps.</summary>
    private static readonly TimeSpan IdleAfter = TimeSpan.FromSeconds(1);

    /// <summary>How long a sleep lasts without a wake-up: bounds the delay of a write from outside the process.</summary>
    private static readonly TimeSpan IdleProbePeriod = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan KafkaRequestTimeout = TimeSpan.FromSeconds(1);

    /// <summary>How long a stop waits for the reading thread; its every call is bounded, so this is only a backstop.</summary>
    private static readonly TimeSpan ReaderStopTimeout = TimeSpan.FromSeconds(30);

    private readonly IConsumer<byte[]?, byte[]?> _consumer;
    private readonly ConcurrentDictionary<TopicPartition, PartitionFeed> _feeds = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Thread _reader;
    private readonly ILogger _logger;
    private readonly long _feedBytes;
    private readonly KafkaLocalWrites? _localWrites;
    private readonly long _probeMilliseconds;
    private readonly KafkaClientUse _use = new(typeof(KafkaSiloConsumer));
    // Written by the reading thread and by Open.
    private long _lastMessageAt = Environment.TickCount64;
    private volatile bool _sleeping;

    public KafkaSiloConsumer(ConsumerConfig config, long feedBytes, ILogger logger, KafkaLocalWrites? localWrites = null)
    {
        _logger = logger;
        _feedBytes = feedBytes;
        _localWrites = localWrites;
        // A look after a sleep lasts two fetch waits: the broker answers a fetch at once when it has data.
        _probeMilliseconds = 2L * (config.FetchWaitMaxMs ?? 500) + 10;
        GroupId = config.GroupId;
        _consumer = new ConsumerBuilder<byte[]?, byte[]?>(config)
            .SetErrorHandler((_, error) => logger.ConsumerError(config.ClientId, error))
            .Build();
        _reader = new Thread(Read) { IsBackground = true, Name = $"kafka-{config.ClientId}" };
        _reader.Start();
    }

    /// <summary>Whether the consumer is paused for idleness, waiting for a write; for tests.</summary>
    internal bool IsSleeping => _sleeping;

    /// <summary>The group whose committed offsets the partitions are read from.</summary>
    public string GroupId { get; }

    /// <summary>Starts reading <paramref name="partition"/> from its group's committed offset.</summary>
    public PartitionFeed Open(TopicPartition partition)
    {
        var feed = new PartitionFeed(partition, _feedBytes);
        if (!_feeds.TryAdd(partition, feed))
            throw new InvalidOperationException($"{partition} is read already.");
        _consumer.IncrementalAssign([new TopicPartitionOffset(partition, Offset.Stored)]);
        // A partition this consumer read before may still be paused from then.
        _consumer.Resume([partition]);
        // A new partition gets a whole idle period to deliver, and a sleeping reader wakes to read it.
        Volatile.Write(ref _lastMessageAt, Environment.TickCount64);
        _localWrites?.Wake();
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

    /// <summary>
    /// Log end less the next offset to commit; null until the partition has been fetched once, and once the consumer
    /// is closed (the lag gauge is observed on its own thread, and may still ask as the last receiver leaves).
    /// </summary>
    public long? Lag(TopicPartition partition, long stored)
    {
        WatermarkOffsets watermarks;
        try
        {
            watermarks = _use.Call(() => _consumer.GetWatermarkOffsets(partition));
        }
        catch (ObjectDisposedException)
        {
            return null;
        }
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
                var writes = _localWrites?.Count ?? 0;
                if (_consumer.Consume(anyPaused ? PausedPollTimeout : PollTimeout) is not { Message: not null } result)
                {
                    if (!anyPaused && _localWrites is { } localWrites && Environment.TickCount64 - Volatile.Read(ref _lastMessageAt) >= IdleAfter.TotalMilliseconds)
                        Sleep(localWrites, writes);
                    continue;
                }
                Volatile.Write(ref _lastMessageAt, Environment.TickCount64);
                // A partition unassigned meanwhile is read again by its next reader, from the committed offset.
                if (!_feeds.TryGetValue(result.TopicPartition, out var feed)) continue;
                feed.Add(result);
                if (feed.IsFull && !feed.Paused)
                {
                    _consumer.Pause([result.TopicPartition]);
                    feed.Paused = true;
                }
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
    /// Pauses every partition until a wake-up after <paramref name="since"/> (counted before the last empty read, so
    /// a write that read may have missed ends the sleep at once) or the probe period; then reads on, for a whole idle
    /// period after a wake-up, or for one look after the probe period.
    /// </summary>
    private void Sleep(KafkaLocalWrites localWrites, long since)
    {
        TopicPartition[] partitions = [.. _feeds.Keys];
        _consumer.Pause(partitions);
        _sleeping = true;
        var woken = localWrites.WaitForWake(since, IdleProbePeriod);
        _sleeping = false;
        // Resumed whether or not a receiver closed its partition meanwhile: librdkafka ignores partitions it does not hold.
        _consumer.Resume(partitions);
        // A resume does not wake librdkafka's broker thread, which fetched again only ~500 ms later (measured); a
        // request to the broker wakes it at once. The embedded broker leads every partition, so one request does.
        try
        {
            if (partitions.Length > 0 && !_stopping.IsCancellationRequested) _consumer.QueryWatermarkOffsets(partitions[0], KafkaRequestTimeout);
        }
        catch (KafkaException)
        {
            // Only a prompt: without it the fetches resume all the same, later.
        }
        Volatile.Write(ref _lastMessageAt, Environment.TickCount64 - (woken ? 0 : (long)IdleAfter.TotalMilliseconds - _probeMilliseconds));
    }

    /// <summary>Resumes the paused partitions whose feeds have room again; answers whether one is still paused.</summary>
    private bool ResumeDrained()
    {
        var anyPaused = false;
        foreach (var feed in _feeds.Values)
        {
            if (!feed.Paused) continue;
            if (feed.HasRoomAgain)
            {
                _consumer.Resume([feed.Partition]);
                feed.Paused = false;
            }
            else
            {
                anyPaused = true;
            }
        }
        return anyPaused;
    }

    /// <summary>
    /// Stops the reading thread, then closes the client. Never while the thread may still be inside librdkafka:
    /// destroying the client under a call reads freed memory and takes the process down. A thread that does not stop
    /// (none has: each of its calls is bounded) leaves the client open, a leak at shutdown rather than a crash.
    /// </summary>
    public void Dispose()
    {
        _stopping.Cancel();
        _localWrites?.Wake();
        if (!_reader.Join(ReaderStopTimeout))
        {
            _logger.ConsumerReaderDidNotStop(GroupId, ReaderStopTimeout);
            return;
        }
        _use.Close(() =>
        {
            _consumer.Close();
            _consumer.Dispose();
        });
        _stopping.Dispose();
    }
}

/// <summary>
/// One partition's messages on their way from the silo's consumer to its receiver. Bounded by bytes, as librdkafka
/// bounds a consumer's prefetch: once it holds <paramref name="byteLimit"/> its partition is paused, and resumed only
/// when half of that is free, because a pause drops what librdkafka had fetched for the partition and a resume fetches
/// again. A limit of a few batches paused and refetched all the time under a backlog, and halved the provider's rate.
/// </summary>
internal sealed class PartitionFeed(TopicPartition partition, long byteLimit)
{
    private readonly Channel<ConsumeResult<byte[]?, byte[]?>> _messages = Channel.CreateUnbounded<ConsumeResult<byte[]?, byte[]?>>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private long _bytes;
    private volatile bool _closed;

    public TopicPartition Partition => partition;

    /// <summary>Only the consumer's thread reads or sets it.</summary>
    internal bool Paused { get; set; }

    internal bool IsFull => Interlocked.Read(ref _bytes) >= byteLimit;

    internal bool HasRoomAgain => Interlocked.Read(ref _bytes) <= byteLimit / 2;

    /// <summary>Only the consumer's thread calls it; a closed feed takes nothing.</summary>
    internal void Add(ConsumeResult<byte[]?, byte[]?> result)
    {
        if (_closed || !_messages.Writer.TryWrite(result)) return;
        Interlocked.Add(ref _bytes, SizeOf(result));
    }

    /// <summary>Only the receiver calls it.</summary>
    public bool TryTake([System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out ConsumeResult<byte[]?, byte[]?> result)
    {
        if (!_messages.Reader.TryRead(out result)) return false;
        Interlocked.Add(ref _bytes, -SizeOf(result));
        return true;
    }

    public ValueTask<bool> WaitToTakeAsync(CancellationToken cancellationToken) => _messages.Reader.WaitToReadAsync(cancellationToken);

    internal void Complete()
    {
        _closed = true;
        _messages.Writer.TryComplete();
    }

    private static long SizeOf(ConsumeResult<byte[]?, byte[]?> result) => (result.Message.Key?.Length ?? 0) + (result.Message.Value?.Length ?? 0) + 64;
}
