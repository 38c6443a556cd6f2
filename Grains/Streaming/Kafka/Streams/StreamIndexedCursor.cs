using Orleans.Streams;
using static Grains.Streaming.Kafka.Streams.StreamIndexedQueueCache;

namespace Grains.Streaming.Kafka.Streams;

/// <summary>
/// One consumer's place in a <see cref="StreamIndexedQueueCache"/>: on the message it delivered last (which keeps
/// that message's bucket from being purged), or unset at the end of its stream until the agent refreshes it.
/// </summary>
/// <remarks>
/// The pulling agent gathers up to <c>BatchContainerBatchSize</c> messages with consecutive <see cref="MoveNext"/>
/// calls, delivers them, and calls <see cref="MoveNext"/> again (or disposes the cursor) only once that delivery is
/// over. The cursor keeps the first message of the last gathering: its bucket stays held until the next call, so no
/// message of a delivery in flight is purged and reported delivered, and a failed delivery marks all of them (Orleans
/// offers that protection to its own cache only).
/// </remarks>
internal sealed class StreamIndexedCursor(StreamIndexedQueueCache cache, StreamId streamId, int batchSize) : IQueueCacheCursor
{
    private IBatchContainer? _current;
    private CachedMessage? _gatheredFirst, _gatheredLast;
    private int _gathered;
    private bool _gatheringOver;

    public StreamId StreamId { get; } = streamId;

    internal CachedMessage? Element { get; set; }

    /// <summary>Where to resume once unset; null to take the agent's token.</summary>
    internal StreamSequenceToken? Token { get; set; }

    internal bool WaitingForEarliest { get; set; }

    public IBatchContainer? GetCurrent(out Exception? exception)
    {
        exception = null;
        return _current;
    }

    public bool MoveNext()
    {
        if (_gatheringOver) ReleaseGathering();

        // A freshly positioned cursor first delivers the message it was put on.
        var next = _current is null && Element is { } element ? element : cache.Advance(this);
        _current = next?.Batch;
        if (next is null)
        {
            _gatheringOver = _gathered > 0;
            return false;
        }

        if (_gatheredFirst is null)
        {
            _gatheredFirst = next;
            next.Bucket.Cursors++;
        }

        _gatheredLast = next;
        _gatheringOver = ++_gathered >= batchSize;
        return true;
    }

    public QueueCacheCursorMoveResult MoveNextWithResult() =>
        MoveNext() ? QueueCacheCursorMoveResult.Success : QueueCacheCursorMoveResult.NoData;

    public void Refresh(StreamSequenceToken token) => cache.Refresh(this, token);

    /// <summary>The delivery of what was gathered last failed: none of it may count as delivered.</summary>
    public void RecordDeliveryFailure()
    {
        for (var message = _gatheredFirst; message is not null; message = message == _gatheredLast ? null : message.Newer)
            message.DeliveryFailure = true;
    }

    public void Dispose()
    {
        ReleaseGathering();
        cache.Unset(this, null);
        _current = null;
    }

    private void ReleaseGathering()
    {
        if (_gatheredFirst is { } first) first.Bucket.Cursors--;
        (_gatheredFirst, _gatheredLast, _gathered, _gatheringOver) = (null, null, 0, false);
    }
}
