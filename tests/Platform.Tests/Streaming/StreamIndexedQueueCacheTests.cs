using CsCheck;
using Grains.Streaming.Kafka.Streams;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace Platform.Tests.Streaming;

/// <summary>
/// The stream-indexed cache must behave as Orleans' SimpleQueueCache does, only faster: a model test drives both
/// with the same random operations and compares every answer. The batch tests cover what only ours does.
/// </summary>
public sealed class StreamIndexedQueueCacheTests
{
    private const int CacheSize = 40, Streams = 4;

    private enum Step { Add, OpenCursor, Move, Refresh, Fail, Purge, Close }

    [Fact]
    public void Answers_every_operation_as_SimpleQueueCache_does()
    {
        var step = Gen.Select(Gen.Enum<Step>(), Gen.Int[0, 7], Gen.Int[0, 1_000]);
        step.Array[1, 120].Sample(steps => new ModelRun().Run(steps), iter: 3_000);
    }

    [Fact]
    public void A_failed_batch_delivery_keeps_every_message_of_the_batch_from_counting_as_delivered()
    {
        var cache = new StreamIndexedQueueCache(maxSize: 40, batchSize: 3);
        var messages = Enumerable.Range(0, 8).Select(offset => new TestBatch(Stream(0), offset)).ToList();
        cache.AddToCache([.. messages]);
        var cursor = ((IQueueCache)cache).TryGetCacheCursor(Stream(0), messages[0].SequenceToken).Cursor!;

        Assert.Equal(messages.Take(3), Gather(cursor, 3));
        cursor.RecordDeliveryFailure();
        Assert.Equal(messages.Skip(3).Take(3), Gather(cursor, 3));
        Assert.Equal(messages.Skip(6), Gather(cursor, 3));
        Assert.False(cursor.MoveNextWithResult().Kind == QueueCacheCursorMoveResultKind.Success);

        Assert.True(cache.TryPurgeFromCache(out var purged));
        Assert.Equal(messages.Skip(3), purged);
    }

    [Fact]
    public void A_batch_in_delivery_is_not_purged_until_the_agent_asks_for_more()
    {
        // Buckets of 4 messages: the batch starts in the first bucket and the cursor ends in the second.
        var cache = new StreamIndexedQueueCache(maxSize: 40, batchSize: 6);
        var messages = Enumerable.Range(0, 8).Select(offset => new TestBatch(Stream(offset % 2), offset)).ToList();
        cache.AddToCache([.. messages]);
        var cursor = ((IQueueCache)cache).TryGetCacheCursor(Stream(0), messages[0].SequenceToken).Cursor!;

        Assert.Equal(messages.Where(m => m.StreamId == Stream(0)), Gather(cursor, 6));
        Assert.False(cache.TryPurgeFromCache(out _));

        // The next call after a delivery settles it; the stream is at its end, so nothing stays held.
        Assert.False(cursor.MoveNextWithResult().Kind == QueueCacheCursorMoveResultKind.Success);
        Assert.True(cache.TryPurgeFromCache(out var purged));
        Assert.Equal(messages, purged);
    }

    private static List<IBatchContainer> Gather(IQueueCacheCursor cursor, int most)
    {
        var gathered = new List<IBatchContainer>();
        while (gathered.Count < most && cursor.MoveNextWithResult().Kind == QueueCacheCursorMoveResultKind.Success)
            gathered.Add(cursor.GetCurrent(out _)!);
        return gathered;
    }

    private static StreamId Stream(int index) => StreamId.Create("events.raw", $"user-{index}");

    /// <summary>Both caches side by side, with the cursors opened on each; one message per offset as Kafka gives them.</summary>
    private sealed class ModelRun
    {
        private readonly IQueueCache _expected = new SimpleQueueCache(CacheSize, NullLogger.Instance);
        private readonly IQueueCache _actual = new StreamIndexedQueueCache(CacheSize, batchSize: 1);
        private readonly List<(IQueueCacheCursor Expected, IQueueCacheCursor Actual, StreamId Stream)> _cursors = [];
        private readonly List<TestBatch> _added = [];
        private List<TestBatch> _lastAdded = [];

        public void Run(IEnumerable<(Step Step, int Which, int Number)> steps)
        {
            foreach (var (step, which, number) in steps)
            {
                switch (step)
                {
                    case Step.Add: Add(1 + number % 12, number); break;
                    case Step.OpenCursor: Open(Stream(which % Streams), number); break;
                    case Step.Move when _cursors.Count > 0: Move(_cursors[which % _cursors.Count], 1 + number % 5); break;
                    case Step.Refresh when _cursors.Count > 0: Refresh(_cursors[which % _cursors.Count]); break;
                    case Step.Fail when _cursors.Count > 0:
                        var failing = _cursors[which % _cursors.Count];
                        failing.Expected.RecordDeliveryFailure();
                        failing.Actual.RecordDeliveryFailure();
                        break;
                    case Step.Purge: Purge(); break;
                    case Step.Close when _cursors.Count > 0:
                        var closing = _cursors[which % _cursors.Count];
                        closing.Expected.Dispose();
                        closing.Actual.Dispose();
                        _cursors.Remove(closing);
                        break;
                }

                Assert.Equal(_expected.IsUnderPressure(), _actual.IsUnderPressure());
            }
        }

        private void Add(int count, int seed)
        {
            // The agent reads no more than the cache takes: what is left of the current bucket's room at most.
            count = Math.Min(count, Math.Min(_expected.GetMaxAddCount(), CacheSize - ((SimpleQueueCache)_expected).Size));
            if (count <= 0 || _expected.IsUnderPressure()) return;
            Assert.Equal(_expected.GetMaxAddCount(), _actual.GetMaxAddCount());
            var random = new Random(seed);
            _lastAdded = [.. Enumerable.Range(0, count).Select(n => new TestBatch(Stream(random.Next(Streams)), _added.Count + n))];
            _added.AddRange(_lastAdded);
            _expected.AddToCache([.. _lastAdded]);
            _actual.AddToCache([.. _lastAdded]);
        }

        private void Open(StreamId stream, int number)
        {
            // A token of any message ever added (so also purged ones: cache misses), none (the newest), or one beyond.
            StreamSequenceToken? token = (number % 4, _added.Count) switch
            {
                (0, _) or (_, 0) => null,
                (1, var n) => new EventSequenceTokenV2(n + 3),
                (_, var n) => _added[number % n].SequenceToken,
            };
            var expected = _expected.TryGetCacheCursor(stream, token);
            var actual = _actual.TryGetCacheCursor(stream, token);
            Assert.Equal(expected.Kind, actual.Kind);
            if (expected.Kind != QueueCacheCursorResultKind.Success) return;

            // The agent moves a new cursor at once; only then do both hold the same bucket.
            var pair = (expected.Cursor!, actual.Cursor!, stream);
            _cursors.Add(pair);
            Move(pair, 1);
        }

        private static void Move((IQueueCacheCursor Expected, IQueueCacheCursor Actual, StreamId Stream) cursor, int times)
        {
            for (var n = 0; n < times; n++)
            {
                var expected = cursor.Expected.MoveNextWithResult();
                var actual = cursor.Actual.MoveNextWithResult();
                Assert.Equal(expected.Kind, actual.Kind);
                Assert.Same(cursor.Expected.GetCurrent(out _), cursor.Actual.GetCurrent(out _));
            }
        }

        private void Refresh((IQueueCacheCursor Expected, IQueueCacheCursor Actual, StreamId Stream) cursor)
        {
            // What the agent does after a read: each stream's cursors get that stream's first new token.
            if (_lastAdded.FirstOrDefault(m => m.StreamId == cursor.Stream) is not { } first) return;
            var expected = Record.Exception(() => cursor.Expected.Refresh(first.SequenceToken));
            var actual = Record.Exception(() => cursor.Actual.Refresh(first.SequenceToken));
            Assert.Equal(expected?.GetType(), actual?.GetType());
            Move(cursor, 1);
        }

        private void Purge()
        {
            var expected = _expected.TryPurgeFromCache(out var expectedItems);
            var actual = _actual.TryPurgeFromCache(out var actualItems);
            Assert.Equal(expected, actual);
            Assert.Equal(expectedItems ?? [], actualItems ?? []);
        }
    }

    private sealed class TestBatch(StreamId streamId, long offset) : IBatchContainer
    {
        public StreamId StreamId { get; } = streamId;

        public StreamSequenceToken SequenceToken { get; } = new EventSequenceTokenV2(offset);

        public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>() => [];

        public bool ImportRequestContext() => false;

        public override string ToString() => $"{StreamId}@{SequenceToken.SequenceNumber}";
    }
}
