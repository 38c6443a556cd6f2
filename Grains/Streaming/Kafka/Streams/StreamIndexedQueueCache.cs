using System.Diagnostics.CodeAnalysis;
using Orleans.Streams;

namespace Grains.Streaming.Kafka.Streams;

/// <summary>
/// The pulling agent's cache of one queue (a Kafka partition), indexed by stream. Orleans' SimpleQueueCache keeps
/// one list per partition, so each stream's cursor steps past every other stream's messages: with a few hundred keys
/// per partition that walk was the largest item of the provider's profile. Here every cached message also links to
/// the next message of its own stream and a cursor moves along those links. Everything else is SimpleQueueCache's
/// contract, kept on purpose (a model test runs both side by side): arrival order is cut into ten buckets, the oldest
/// bucket is purged once no cursor points into it, a cache whose ten buckets are all in use is under pressure, a
/// message whose delivery failed is not reported as delivered, and a token older than the cache is a cache miss.
/// Except with a <see cref="KafkaPartitionRewinder"/>: then a cursor for a token older than the cache re-reads from
/// Kafka what the cache no longer holds (<see cref="KafkaRewindCursor"/>).
/// Used by the pulling agent only, one turn at a time, like SimpleQueueCache.
/// </summary>
internal sealed class StreamIndexedQueueCache : IQueueCache
{
    private const int BucketCount = 10;
    private readonly Queue<CachedMessage> _messages = new();
    private readonly List<CacheBucket> _buckets = [];
    private readonly Dictionary<StreamId, StreamMessages> _streams = [];
    private readonly int _maxSize, _bucketSize, _batchSize;
    private readonly KafkaPartitionRewinder? _rewinder;
    private CachedMessage? _newest;

    /// <param name="maxSize">Messages the cache holds at most (<c>SimpleQueueCacheOptions.CacheSize</c>).</param>
    /// <param name="batchSize">Messages the agent hands a consumer at once (<c>StreamPullingAgentOptions.BatchContainerBatchSize</c>).</param>
    /// <param name="rewinder">The partition's way back into Kafka; without one, a token older than the cache is a miss.</param>
    public StreamIndexedQueueCache(int maxSize, int batchSize, KafkaPartitionRewinder? rewinder = null)
    {
        _rewinder = rewinder;
        _maxSize = maxSize;
        _batchSize = Math.Max(batchSize, 1);
        _bucketSize = Math.Max(maxSize / BucketCount, 1);
    }

    public int GetMaxAddCount() => _bucketSize;

    /// <summary>
    /// Under pressure once all ten buckets are in use, but not while a rewound cursor's wake-up waits: the agent reads
    /// nothing from a cache under pressure, and the rewound cursors it would wake may be what holds the oldest buckets.
    /// The receiver then hands over the wake-ups alone (<see cref="KafkaPartitionRewinder.CacheIsFull"/>).
    /// </summary>
    public bool IsUnderPressure()
    {
        var full = _buckets.Count >= BucketCount;
        if (_rewinder is null) return full;
        _rewinder.CacheIsFull = full;
        return full && !_rewinder.HasWakeUps;
    }

    public void AddToCache(IList<IBatchContainer> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var batch in messages)
        {
            ArgumentNullException.ThrowIfNull(batch);
            if (batch is KafkaWakeUp) continue;
            if (_messages.Count >= _maxSize) throw new CacheFullException();
            if (_buckets.Count == 0 || _buckets[^1].Messages == _bucketSize) _buckets.Add(new CacheBucket());

            var bucket = _buckets[^1];
            if (!_streams.TryGetValue(batch.StreamId, out var stream))
            {
                stream = new StreamMessages();
                _streams.Add(batch.StreamId, stream);
            }

            var message = new CachedMessage(batch, batch.SequenceToken, bucket, stream);
            if (stream.Newest is { } previous) previous.Newer = message;
            else stream.Oldest = message;
            stream.Newest = message;
            _messages.Enqueue(message);
            _newest = message;
            bucket.Messages++;
        }
    }

    public bool TryPurgeFromCache([MaybeNullWhen(false)] out IList<IBatchContainer> purgedItems)
    {
        purgedItems = null;
        if (_messages.Count == 0 || _buckets.Count == 0 || _buckets[0].Cursors > 0) return false;

        var purged = new List<IBatchContainer>();
        while (_buckets.Count > 0 && _buckets[0].Cursors == 0)
        {
            var bucket = _buckets[0];
            while (_messages.TryPeek(out var oldest) && oldest.Bucket == bucket)
            {
                _messages.Dequeue();
                Forget(oldest);
                if (!oldest.DeliveryFailure) purged.Add(oldest.Batch);
            }
            _buckets.RemoveAt(0);
        }

        purgedItems = purged;
        return true;
    }

    [Obsolete("Use TryGetCacheCursor instead.")]
    public IQueueCacheCursor GetCacheCursor(StreamId streamId, StreamSequenceToken? token)
    {
        var result = TryGetCacheCursor(streamId, token);
        return result.Kind == QueueCacheCursorResultKind.Success ? result.Cursor! : throw result.CacheMiss!.Value.ToException();
    }

    public QueueCacheCursorResult<IQueueCacheCursor> TryGetCacheCursor(StreamId streamId, StreamSequenceToken? token)
    {
        if (token is not null && TryRewind(streamId, token) is { } rewind) return QueueCacheCursorResult<IQueueCacheCursor>.FromCursor(rewind);
        var cursor = new StreamIndexedCursor(this, streamId, _batchSize);
        return Initialize(cursor, token) is { } miss
            ? QueueCacheCursorResult<IQueueCacheCursor>.FromCacheMiss(miss)
            : QueueCacheCursorResult<IQueueCacheCursor>.FromCursor(cursor);
    }

    public QueueCacheCursorResult<IQueueCacheCursor> TryGetCacheCursorAtPosition(StreamId streamId, StreamSubscriptionStartPosition startPosition)
    {
        switch (startPosition)
        {
            case StreamSubscriptionStartPosition.Latest:
                // Positioned on the newest message and past it: what is cached already counts as delivered.
                var result = TryGetCacheCursor(streamId, null);
                result.Cursor?.MoveNextWithResult();
                return result;
            case StreamSubscriptionStartPosition.EarliestAvailable:
                var cursor = new StreamIndexedCursor(this, streamId, _batchSize);
                InitializeAtEarliest(cursor);
                return QueueCacheCursorResult<IQueueCacheCursor>.FromCursor(cursor);
            default:
                throw new ArgumentOutOfRangeException(nameof(startPosition), startPosition, "The subscription start position is not defined.");
        }
    }

    /// <summary>Positions an unset cursor again, from where it stopped or else from <paramref name="token"/>.</summary>
    internal void Refresh(StreamIndexedCursor cursor, StreamSequenceToken? token)
    {
        if (cursor.Element is not null) return;
        if (cursor.WaitingForEarliest)
        {
            InitializeAtEarliest(cursor);
            return;
        }

        if (Initialize(cursor, cursor.Token ?? token) is { } miss) throw miss.ToException();
    }

    /// <summary>The next message of the cursor's stream, or null (and the cursor unset) at the end of the cache.</summary>
    internal CachedMessage? Advance(StreamIndexedCursor cursor)
    {
        if (cursor.Element is null) return null;
        if (cursor.Element.Newer is { } next)
        {
            Set(cursor, next);
            return next;
        }

        Unset(cursor, null);
        return null;
    }

    internal void Unset(StreamIndexedCursor cursor, StreamSequenceToken? token)
    {
        if (cursor.Element is { } element) element.Bucket.Cursors--;
        cursor.Element = null;
        cursor.Token = token;
    }

    /// <summary>SimpleQueueCache's positioning: on the stream's first message at or after the token (the newest message when none is given).</summary>
    private QueueCacheMissInfo? Initialize(StreamIndexedCursor cursor, StreamSequenceToken? token)
    {
        if (_newest is null)
        {
            Unset(cursor, token);
            return null;
        }

        token ??= _newest.Token;
        if (Compare(token, _newest.Token) > 0)
        {
            Unset(cursor, token);
            return null;
        }

        var oldest = _messages.Peek();
        if (Compare(token, oldest.Token) < 0) return new QueueCacheMissInfo(token, oldest.Token, _newest.Token);

        var message = _streams.TryGetValue(cursor.StreamId, out var stream) ? stream.Oldest : null;
        while (message is not null && Compare(message.Token, token) < 0) message = message.Newer;
        if (message is null) Unset(cursor, null);
        else Set(cursor, message);
        return null;
    }

    /// <summary>
    /// A cursor that re-reads from Kafka the messages after <paramref name="token"/> that the cache no longer holds:
    /// those before its oldest message, or, when it is empty, before the next offset the receiver hands over. Null
    /// when the cache has them all, or cannot know (nothing read yet), or the token is another partition's.
    /// </summary>
    private KafkaRewindCursor? TryRewind(StreamId streamId, StreamSequenceToken token)
    {
        if (_rewinder is null || (token is KafkaSequenceToken kafka && kafka.Partition != _rewinder.Partition.Partition.Value)) return null;

        var cached = new StreamIndexedCursor(this, streamId, _batchSize);
        long end;
        if (_messages.TryPeek(out var oldest))
        {
            if (Compare(token, oldest.Token) >= 0) return null;
            end = oldest.Token.SequenceNumber;
            Initialize(cached, oldest.Token);
        }
        else
        {
            end = _rewinder.NextOffset;
            if (token.SequenceNumber + 1 >= end) return null;
            Unset(cached, null);
        }
        return new KafkaRewindCursor(streamId, token, end, cached, _rewinder);
    }

    private void InitializeAtEarliest(StreamIndexedCursor cursor)
    {
        if (_streams.TryGetValue(cursor.StreamId, out var stream) && stream.Oldest is { } oldest)
        {
            cursor.WaitingForEarliest = false;
            Set(cursor, oldest);
            return;
        }

        Unset(cursor, null);
        cursor.WaitingForEarliest = true;
    }

    private static void Set(StreamIndexedCursor cursor, CachedMessage message)
    {
        if (cursor.Element is { } previous) previous.Bucket.Cursors--;
        cursor.Element = message;
        cursor.Token = message.Token;
        message.Bucket.Cursors++;
    }

    private void Forget(CachedMessage message)
    {
        var stream = message.Stream;
        stream.Oldest = message.Newer;
        if (stream.Oldest is null) _streams.Remove(message.Batch.StreamId);

        if (_newest == message) _newest = null;
    }

    /// <summary>Tokens of the same queue compare by offset, then by the event's place in its message.</summary>
    private static int Compare(StreamSequenceToken left, StreamSequenceToken right) =>
        left.SequenceNumber != right.SequenceNumber
            ? left.SequenceNumber.CompareTo(right.SequenceNumber)
            : left.EventIndex.CompareTo(right.EventIndex);

    internal sealed class CacheBucket
    {
        public int Messages { get; set; }

        public int Cursors { get; set; }
    }

    internal sealed class StreamMessages
    {
        public CachedMessage? Oldest { get; set; }

        public CachedMessage? Newest { get; set; }
    }

    internal sealed class CachedMessage(IBatchContainer batch, StreamSequenceToken token, CacheBucket bucket, StreamMessages stream)
    {
        public IBatchContainer Batch { get; } = batch;

        public StreamSequenceToken Token { get; } = token;

        public CacheBucket Bucket { get; } = bucket;

        public StreamMessages Stream { get; } = stream;

        /// <summary>The next message of the same stream, once one has arrived.</summary>
        public CachedMessage? Newer { get; set; }

        public bool DeliveryFailure { get; set; }
    }
}
