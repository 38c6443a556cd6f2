using System.Collections.Concurrent;
using System.Diagnostics;

namespace Grains.Streaming.Kafka.Streams;

/// <summary>
/// A silo's graceful stop, for its Kafka receivers. Just before the stream providers stop their pulling agents, every
/// receiver stops handing over new messages, and the stop waits (at most <see cref="Limit"/>) until the agents have
/// reported delivered everything handed over before, so that the receivers commit it when they release their partitions.
/// An agent reports a delivery only when it purges its cache on a later read, and a stopped agent reads no more: without
/// this wait each partition's last batches stayed uncommitted, and the partition's next reader processed them again.
/// What was not handed over is simply read by the next owner.
/// </summary>
internal sealed partial class KafkaReceiverStop(ILogger<KafkaReceiverStop> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);

    private readonly ConcurrentDictionary<KafkaQueueAdapterReceiver, byte> _receivers = new();

    /// <summary>Set once the stop began; a receiver that starts afterwards hands over nothing either.</summary>
    internal bool Stopping { get; private set; }

    internal void Add(KafkaQueueAdapterReceiver receiver) => _receivers[receiver] = 0;

    internal void Remove(KafkaQueueAdapterReceiver receiver) => _receivers.TryRemove(receiver, out _);

    /// <summary>Stops after the stream providers started (<c>StreamLifecycleOptions.StartStage</c>), so before they stop.</summary>
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(KafkaReceiverStop), ServiceLifecycleStage.Active + 1, _ => Task.CompletedTask, StopAsync);

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        Stopping = true;
        var started = Stopwatch.GetTimestamp();
        while (_receivers.Keys.Count(r => r.HasUnreportedMessages) is var unreported and > 0)
        {
            if (Stopwatch.GetElapsedTime(started) >= Limit || cancellationToken.IsCancellationRequested)
            {
                LogUnreported(unreported, Limit);
                return;
            }
            await Task.Delay(Poll, CancellationToken.None);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Partitions} Kafka partition(s) still had messages not reported delivered after {Limit}; their next reader reads them again")]
    private partial void LogUnreported(int partitions, TimeSpan limit);
}
