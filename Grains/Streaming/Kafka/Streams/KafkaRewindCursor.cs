using Orleans.Streams;

namespace Grains.Streaming.Kafka.Streams;

/// <summary>
/// A subscriber's cursor from a token older than the cache: first the stream's messages after the token, read again
/// from Kafka up to where the cache begins, then the cache itself through a cursor of its own, which holds the cache's
/// oldest message of the stream meanwhile so that nothing between the two is purged.
/// </summary>
/// <remarks>
/// The pulling agent reads a cursor synchronously, and Kafka is not: while a read is out the cursor has no data, and the
/// agent stops asking. When the read is in, the receiver hands the agent a <see cref="KafkaWakeUp"/> for the stream, and
/// the agent asks again. The read goes in chunks, so a long way back is never held in memory at once. Messages re-read
/// this way are already committed; a failed delivery of one is retried by the agent like any other, but nothing is
/// reported to the receiver for them.
/// </remarks>
internal sealed class KafkaRewindCursor : IQueueCacheCursor
{
    /// <summary>Messages of the stream a read brings at most.</summary>
    private const int ChunkSize = 1_000;

    private readonly StreamId _streamId;
    private readonly long _end;
    private readonly StreamIndexedCursor _cached;
    private readonly KafkaPartitionRewinder _rewinder;
    private readonly Queue<KafkaBatchContainer> _replayed = new();
    private RewindChunk? _arrived;
    private long _next;
    private bool _reading, _replayOver, _currentIsCached;
    private IBatchContainer? _current;

    /// <param name="after">The subscriber's token: what it has, so the read starts at the offset after it.</param>
    /// <param name="end">Where the cache begins: the read stops before it, and the cached cursor's messages before it are passed over.</param>
    public KafkaRewindCursor(StreamId streamId, StreamSequenceToken after, long end, StreamIndexedCursor cached, KafkaPartitionRewinder rewinder)
    {
        (_streamId, _end, _cached, _rewinder, _next) = (streamId, end, cached, rewinder, after.SequenceNumber + 1);
        rewinder.Started(streamId, after.SequenceNumber, end);
    }

    public IBatchContainer? GetCurrent(out Exception? exception)
    {
        exception = null;
        return _current;
    }

    public bool MoveNext()
    {
        _current = null;
        _currentIsCached = false;
        if (!_replayOver && !TryTakeReplayed()) return false;
        if (_current is not null) return true;

        while (_cached.MoveNext())
        {
            var message = _cached.GetCurrent(out _);
            if (message is null || message.SequenceToken.SequenceNumber < _end) continue;
            (_current, _currentIsCached) = (message, true);
            return true;
        }
        return false;
    }

    public QueueCacheCursorMoveResult MoveNextWithResult() =>
        MoveNext() ? QueueCacheCursorMoveResult.Success : QueueCacheCursorMoveResult.NoData;

    public void Refresh(StreamSequenceToken token) => _cached.Refresh(token);

    public void RecordDeliveryFailure()
    {
        if (_currentIsCached) _cached.RecordDeliveryFailure();
    }

    public void Dispose() => _cached.Dispose();

    /// <summary>
    /// Sets <see cref="_current"/> to the next re-read message, or leaves it null once the re-reading is over; false
    /// while a read is out.
    /// </summary>
    private bool TryTakeReplayed()
    {
        if (_replayed.Count == 0 && Interlocked.Exchange(ref _arrived, null) is { } chunk)
        {
            _reading = false;
            foreach (var message in chunk.Messages) _replayed.Enqueue(message);
            _next = chunk.ResumeAt;
        }

        if (_replayed.TryDequeue(out var replayed))
        {
            _current = replayed;
            return true;
        }

        if (_next >= _end)
        {
            _replayOver = true;
            return true;
        }

        if (!_reading)
        {
            _reading = true;
            _ = ReadAsync(_next);
        }
        return false;
    }

    private async Task ReadAsync(long from)
    {
        var chunk = await _rewinder.ReadAsync(_streamId, from, _end, ChunkSize);
        // Published before the wake-up, so the agent's next look finds it.
        Volatile.Write(ref _arrived, chunk);
        _rewinder.WakeUp(_streamId);
    }
}
