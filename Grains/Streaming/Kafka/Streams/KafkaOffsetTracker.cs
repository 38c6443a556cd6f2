namespace Grains.Streaming.Kafka.Streams;

/// <summary>
/// The committable position of one partition: just past the longest run of delivered offsets from the
/// oldest fetched one. A batch whose delivery failed is never reported delivered, so the position stops before it.
/// </summary>
internal sealed class KafkaOffsetTracker
{
    private readonly Queue<long> _fetched = new();
    private readonly HashSet<long> _delivered = [];

    public void Fetched(long offset) => _fetched.Enqueue(offset);

    public void Delivered(long offset) => _delivered.Add(offset);

    /// <summary>Whether a fetched message has not yet been reported delivered (it is still in the cache, or being delivered).</summary>
    public bool HasPending => _fetched.Count > 0;

    /// <summary>Returns true with the next offset to commit when the position moved.</summary>
    public bool TryAdvance(out long nextOffset)
    {
        nextOffset = -1;
        while (_fetched.TryPeek(out var oldest) && _delivered.Remove(oldest))
        {
            _fetched.Dequeue();
            nextOffset = oldest + 1;
        }

        return nextOffset >= 0;
    }
}
