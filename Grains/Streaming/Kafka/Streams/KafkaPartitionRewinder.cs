using System.Collections.Concurrent;
using Confluent.Kafka;
using Orleans.Serialization;
using Orleans.Streams;

namespace Grains.Streaming.Kafka.Streams;

/// <summary>
/// What a partition's cache needs from Kafka to serve a token older than itself: a read of one stream's messages over a
/// range of offsets, by a consumer of its own (no group, nothing committed) beside the receiver's, and a way to have the
/// receiver wake the subscriber once the read is in. Shared by the partition's receiver and cache.
/// </summary>
internal sealed class KafkaPartitionRewinder(TopicPartition partition, ConsumerConfig readerConfig, Serializer<KafkaOrleansPayload> serializer, ILogger logger)
{
    /// <summary>How long a read waits for the broker in all, before it is tried again.</summary>
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(30);

    private const int MaxAttempts = 8;

    private readonly ConcurrentQueue<StreamId> _wakeUps = new();
    private TaskCompletionSource _wakeUpRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextOffset = -1;

    public TopicPartition Partition { get; } = partition;

    /// <summary>The offset after the last message the receiver handed to the cache; -1 before the first.</summary>
    public long NextOffset
    {
        get => Interlocked.Read(ref _nextOffset);
        set => Interlocked.Exchange(ref _nextOffset, value);
    }

    /// <summary>
    /// Reads up to <paramref name="limit"/> messages of <paramref name="streamId"/> at offsets from <paramref name="from"/>
    /// to before <paramref name="end"/>. Failures are tried again for about a minute; after that the rest of the range is
    /// given up (logged as an error), so that the subscriber goes on with the cache rather than waiting forever.
    /// </summary>
    public Task<RewindChunk> ReadAsync(StreamId streamId, long from, long end, int limit) => Task.Run(async () =>
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return Read(streamId, from, end, limit);
            }
            catch (Exception exception) when (attempt < MaxAttempts)
            {
                logger.RewindFailed(exception, Partition.Topic, Partition.Partition.Value, from);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5_000, 100 * Math.Pow(2, attempt))));
            }
            catch (Exception exception)
            {
                logger.RewindGivenUp(exception, Partition.Topic, Partition.Partition.Value, from, end, streamId);
                return new RewindChunk([], end);
            }
        }
    });

    /// <summary>Logs a rewind of <paramref name="streamId"/> from after offset <paramref name="after"/> up to <paramref name="end"/>.</summary>
    public void Started(StreamId streamId, long after, long end) =>
        logger.Rewinding(streamId, Partition.Topic, Partition.Partition.Value, after, end);

    /// <summary>
    /// Whether the cache was full when the agent last asked it (before each read). While it is, the receiver hands over
    /// wake-ups only: the cursors they wake hold the cache's oldest messages, so without them a full cache never empties.
    /// </summary>
    public bool CacheIsFull { get; set; }

    /// <summary>Whether a wake-up is waiting for the receiver's next batch.</summary>
    public bool HasWakeUps => !_wakeUps.IsEmpty;

    /// <summary>Completes when a wake-up is asked for, so that a receiver waiting for messages returns at once.</summary>
    public Task WakeUpRequested => Volatile.Read(ref _wakeUpRequested).Task;

    /// <summary>Asks the receiver to hand the agent a <see cref="KafkaWakeUp"/> for <paramref name="streamId"/> with its next batch.</summary>
    public void WakeUp(StreamId streamId)
    {
        _wakeUps.Enqueue(streamId);
        Volatile.Read(ref _wakeUpRequested).TrySetResult();
    }

    /// <summary>Adds the wake-ups asked for since the last batch.</summary>
    public void AddWakeUps(List<IBatchContainer> batch)
    {
        // Re-armed before the queue is drained, so a wake-up asked for meanwhile still ends the next wait.
        if (Volatile.Read(ref _wakeUpRequested).Task.IsCompleted)
            Volatile.Write(ref _wakeUpRequested, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        while (_wakeUps.TryDequeue(out var streamId))
            batch.Add(new KafkaWakeUp(streamId, new KafkaSequenceToken(Partition.Partition.Value, Math.Max(NextOffset, 0))));
    }

    private RewindChunk Read(StreamId streamId, long from, long end, int limit)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(readerConfig).Build();
        var key = streamId.Key.Span.ToArray();
        var start = consumer.QueryWatermarkOffsets(Partition, ReadTimeout).Low.Value;
        if (start > from) logger.RewindPastRetention(Partition.Topic, Partition.Partition.Value, from - 1, start);
        consumer.Assign(new TopicPartitionOffset(Partition, Math.Max(from, start)));

        var found = new List<KafkaBatchContainer>();
        var deadline = DateTime.UtcNow + ReadTimeout;
        while (found.Count < limit)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new OperationCanceledException($"Reading {Partition} from {from} to {end} took over {ReadTimeout}.");
            if (consumer.Consume(left) is not { } result) continue;
            if (result.IsPartitionEOF || result.Offset.Value >= end) return new RewindChunk(found, end);
            if ((result.Message.Key ?? []).AsSpan().SequenceEqual(key))
                found.Add(KafkaBatchContainer.Read(result, serializer, logger));
            if (result.Offset.Value + 1 >= end) return new RewindChunk(found, end);
            from = result.Offset.Value + 1;
        }
        return new RewindChunk(found, from);
    }
}

/// <summary>Messages read by a rewind, and the offset the next read starts at (the range's end once it is all read).</summary>
internal sealed record RewindChunk(IReadOnlyList<KafkaBatchContainer> Messages, long ResumeAt);
