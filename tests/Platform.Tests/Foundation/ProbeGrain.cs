using Grains.Interfaces;

namespace Platform.Tests.Foundation;

/// <summary>A test-only grain whose whole job is to write state, so persistence can be observed directly.</summary>
public interface IProbeGrain : IGrainWithStringKey
{
    Task<int> IncrementAsync();
    Task<int> GetAsync();
}

[GenerateSerializer, Alias("ProbeState")]
public sealed class ProbeState
{
    [Id(0)] public int Count { get; set; }
}

public sealed class ProbeGrain([PersistentState("probe", StorageNames.Platform)] IPersistentState<ProbeState> state) : Grain, IProbeGrain
{
    public async Task<int> IncrementAsync()
    {
        state.State.Count++;
        await state.WriteStateAsync();
        return state.State.Count;
    }

    public Task<int> GetAsync() => Task.FromResult(state.State.Count);
}
