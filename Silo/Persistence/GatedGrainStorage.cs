using Orleans.Storage;

namespace Silo.Persistence;

/// <summary>
/// A grain storage whose writes and clears pass through the <see cref="SqliteWriteGate"/> in <paramref name="lane"/>;
/// reads go straight through.
/// </summary>
internal sealed class GatedGrainStorage(IGrainStorage inner, SqliteWriteGate gate, WriteLane lane) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        gate.RunAsync(() => inner.WriteStateAsync(stateName, grainId, grainState), lane);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        gate.RunAsync(() => inner.ClearStateAsync(stateName, grainId, grainState), lane);

    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);
}
