using System.Collections.Concurrent;

namespace Grains.Streaming.Kafka.Streams;

/// <summary>
/// Tells the idle consumers of a cluster in this process that this process wrote to it. Only for the process's own
/// embedded broker (<see cref="KafkaClientConfigs.LocalWrites"/>): librdkafka's mock holds every fetch for its
/// whole wait, data or not, so a consumer that polls it while nothing comes costs CPU without end. There an idle
/// consumer pauses its partitions and waits for this instead, and the producers of the process, after each
/// acknowledged write, wake it. A write costs one interlocked increment while nobody sleeps.
/// </summary>
internal sealed class KafkaLocalWrites
{
    private static readonly ConcurrentDictionary<string, KafkaLocalWrites> ByCluster = new(StringComparer.Ordinal);

    private readonly object _gate = new();
    private long _wakes;
    private int _sleepers;

    public static KafkaLocalWrites For(string bootstrapServers) => ByCluster.GetOrAdd(bootstrapServers, _ => new KafkaLocalWrites());

    /// <summary>A count of wake-ups so far; a sleeper passes the one it read before its last empty read.</summary>
    public long Count => Interlocked.Read(ref _wakes);

    /// <summary>After a write (or when a consumer must look again: a new partition, a stop): wakes every sleeper.</summary>
    public void Wake()
    {
        Interlocked.Increment(ref _wakes);
        if (Volatile.Read(ref _sleepers) == 0) return;
        lock (_gate) Monitor.PulseAll(_gate);
    }

    /// <summary>Waits until a wake-up after <paramref name="since"/>, or <paramref name="timeout"/>; answers whether one came.</summary>
    public bool WaitForWake(long since, TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        lock (_gate)
        {
            // Counted before the count is read: a waker that found no sleeper has already moved the count on.
            Interlocked.Increment(ref _sleepers);
            try
            {
                while (Count == since)
                {
                    var left = deadline - Environment.TickCount64;
                    if (left <= 0 || !Monitor.Wait(_gate, TimeSpan.FromMilliseconds(left))) return Count != since;
                }
                return true;
            }
            finally
            {
                Interlocked.Decrement(ref _sleepers);
            }
        }
    }
}
