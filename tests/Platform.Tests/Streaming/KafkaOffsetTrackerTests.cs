using Grains.Streaming.Kafka.Streams;

namespace Platform.Tests.Streaming;

public sealed class KafkaOffsetTrackerTests
{
    [Fact]
    public void The_commit_position_stops_before_the_oldest_undelivered_offset()
    {
        var tracker = new KafkaOffsetTracker();
        foreach (var offset in new long[] { 10, 11, 12, 13 })
        {
            tracker.Fetched(offset);
        }

        tracker.Delivered(11);
        Assert.False(tracker.TryAdvance(out _));

        tracker.Delivered(10);
        tracker.Delivered(13);
        Assert.True(tracker.TryAdvance(out var next));
        Assert.Equal(12, next);

        tracker.Delivered(12);
        Assert.True(tracker.TryAdvance(out next));
        Assert.Equal(14, next);
    }
}
