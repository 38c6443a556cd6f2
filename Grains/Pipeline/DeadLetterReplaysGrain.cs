using Grains.Interfaces.Pipeline;

namespace Grains.Pipeline;

[GenerateSerializer, Alias("DeadLetterReplaysState")]
public sealed class DeadLetterReplaysState
{
    [Id(0)] public Dictionary<int, SortedSet<long>> Replayed { get; set; } = [];
}

internal sealed class DeadLetterReplaysGrain(
    [PersistentState("dlq-replays", StorageNames.Platform)] IPersistentState<DeadLetterReplaysState> replays) : Grain, IDeadLetterReplaysGrain
{
    public Task<Dictionary<int, long[]>> GetAsync() =>
        Task.FromResult(replays.State.Replayed.ToDictionary(p => p.Key, p => p.Value.ToArray()));

    public async Task AddAsync(Dictionary<int, long[]> replayed)
    {
        foreach (var (partition, offsets) in replayed)
        {
            if (!replays.State.Replayed.TryGetValue(partition, out var kept))
                replays.State.Replayed[partition] = kept = [];
            kept.UnionWith(offsets);
        }
        await replays.WriteStateAsync();
    }

    public async Task ForgetBelowAsync(Dictionary<int, long> committed)
    {
        var forgotten = 0;
        foreach (var (partition, offset) in committed)
        {
            if (replays.State.Replayed.TryGetValue(partition, out var kept))
                forgotten += kept.RemoveWhere(o => o < offset);
        }
        if (forgotten > 0) await replays.WriteStateAsync();
    }
}
