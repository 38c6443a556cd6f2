using System.Diagnostics;
using Grains.Interfaces.Pipeline.Tracking;

namespace Grains.Pipeline.Tracking;

/// <summary>
/// This process's copy of the tracking plan, for ingestion and the pipeline. It asks the plan's grain for its version
/// at most once per <see cref="MaxAge"/>, and only while events arrive; a changed version is fetched and compiled once.
/// The node that changes the plan sees the change at once (<see cref="Invalidate"/>); the others within a second.
/// </summary>
public sealed class TrackingPlans(IGrainFactory grains)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private TrackingPlan _current = TrackingPlan.Empty;
    private long _checkedAt;
    private bool _stale = true;

    public async ValueTask<TrackingPlan> CurrentAsync()
    {
        if (!Volatile.Read(ref _stale) && Stopwatch.GetElapsedTime(Volatile.Read(ref _checkedAt)) < MaxAge)
            return _current;
        await _refreshing.WaitAsync();
        try
        {
            if (Volatile.Read(ref _stale) || Stopwatch.GetElapsedTime(_checkedAt) >= MaxAge)
            {
                var plan = grains.GetGrain<ITrackingPlanGrain>(0);
                Volatile.Write(ref _stale, false);
                if (await plan.GetVersionAsync() != _current.Version)
                    _current = new TrackingPlan(await plan.GetAsync());
                Volatile.Write(ref _checkedAt, Stopwatch.GetTimestamp());
            }
            return _current;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>The plan changed through this node: the next event reads it afresh.</summary>
    public void Invalidate() => Volatile.Write(ref _stale, true);
}
