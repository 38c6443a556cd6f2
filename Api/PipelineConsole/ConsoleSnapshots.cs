using Confluent.Kafka;
using Grains.Interfaces.Pipeline;
using Silo.Hosting;

namespace Api.PipelineConsole;

/// <summary>What a console shows once a second: the pipeline's counters, each partition's lag and the cluster's silos.</summary>
/// <param name="Lag">Null while Kafka cannot be asked (<paramref name="LagError"/> says why); the rest is shown meanwhile.</param>
public sealed record ConsoleSnapshot(DateTimeOffset At, PipelineStats Pipeline, IReadOnlyList<PartitionLag>? Lag, string? LagError, IReadOnlyList<SiloRow> Silos);

/// <summary>A silo as the membership table has it.</summary>
public sealed record SiloRow(string Address, string Name, string Host, string Status, DateTimeOffset StartedAt, DateTimeOffset LastAliveAt);

/// <summary>
/// Takes console snapshots, at most one per <see cref="Fresh"/> for all the consoles of this node together: each
/// costs a stats flush, a grain call, a membership read and a round trip to Kafka per partition.
/// </summary>
public sealed class ConsoleSnapshots(PipelineCountersFlusher flusher, IGrainFactory grains, PipelineLag lag, TimeProvider clock)
{
    public static readonly TimeSpan Fresh = TimeSpan.FromMilliseconds(900);

    /// <summary>How long a dead silo stays on the list.</summary>
    private static readonly TimeSpan RecentlyDead = TimeSpan.FromMinutes(10);

    private readonly Lock _gate = new();
    private Task<ConsoleSnapshot>? _latest;
    private long _takenAt;

    public Task<ConsoleSnapshot> GetAsync()
    {
        lock (_gate)
        {
            if (_latest is null || _latest.IsFaulted || clock.GetElapsedTime(_takenAt) >= Fresh)
            {
                _takenAt = clock.GetTimestamp();
                _latest = TakeAsync();
            }
            return _latest;
        }
    }

    private async Task<ConsoleSnapshot> TakeAsync()
    {
        var lagging = ReadLagAsync();
        var stats = await flusher.ReadClusterStatsAsync();
        var now = clock.GetUtcNow();
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false);
        SiloRow[] silos =
        [
            .. hosts.Where(h => h.Status != SiloStatus.Dead || now - Utc(h.IAmAliveTime) < RecentlyDead)
                .OrderBy(h => h.StartTime)
                .Select(h => new SiloRow(h.SiloAddress.ToString(), h.SiloName, h.HostName, h.Status.ToString(), Utc(h.StartTime), Utc(h.IAmAliveTime))),
        ];
        var (partitions, error) = await lagging;
        return new ConsoleSnapshot(now, stats, partitions, error, silos);
    }

    // The membership table keeps UTC times without saying so.
    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    private async Task<(IReadOnlyList<PartitionLag>?, string?)> ReadLagAsync()
    {
        try
        {
            return (await lag.ReadAsync(), null);
        }
        catch (KafkaException exception)
        {
            return (null, exception.Error.Reason);
        }
    }
}
