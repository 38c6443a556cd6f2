using Grains.Interfaces.Pipeline.Tracking;

namespace Grains.Pipeline.Tracking;

[GenerateSerializer, Alias("TrackingPlanState")]
public sealed class TrackingPlanState
{
    [Id(0)] public long Version { get; set; }
    [Id(1)] public Dictionary<string, TrackingPlanEntry> Entries { get; set; } = [];
}

internal sealed class TrackingPlanGrain(
    [PersistentState("tracking-plan", StorageNames.Platform)] IPersistentState<TrackingPlanState> plan, TimeProvider clock) : Grain, ITrackingPlanGrain
{
    public async Task<TrackingPlanEntry> SetAsync(string eventType, string schema, TrackingMode mode)
    {
        var entry = new TrackingPlanEntry(eventType, schema, mode, clock.GetUtcNow());
        plan.State.Entries[eventType] = entry;
        plan.State.Version++;
        await plan.WriteStateAsync();
        return entry;
    }

    public async Task<bool> RemoveAsync(string eventType)
    {
        if (!plan.State.Entries.Remove(eventType)) return false;
        plan.State.Version++;
        await plan.WriteStateAsync();
        return true;
    }

    public Task<long> GetVersionAsync() => Task.FromResult(plan.State.Version);

    public Task<TrackingPlanVersion> GetAsync() =>
        Task.FromResult(new TrackingPlanVersion(plan.State.Version, [.. plan.State.Entries.Values.OrderBy(e => e.EventType, StringComparer.Ordinal)]));
}
