using Orleans.Concurrency;

namespace Grains.Interfaces.Pipeline.Tracking;

/// <summary>The cluster's tracking plan (key 0): a schema per event type, set by operators.</summary>
public interface ITrackingPlanGrain : IGrainWithIntegerKey
{
    Task<TrackingPlanEntry> SetAsync(string eventType, string schema, TrackingMode mode);

    /// <summary>False when the type had no schema.</summary>
    Task<bool> RemoveAsync(string eventType);

    [ReadOnly]
    Task<long> GetVersionAsync();

    [ReadOnly]
    Task<TrackingPlanVersion> GetAsync();
}
