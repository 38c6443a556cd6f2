using Grains.Interfaces.Pipeline.Sources;
using Microsoft.Extensions.Options;

namespace Grains.Pipeline.Sources;

/// <summary>
/// Keeps the list of sources; each key's own grain decides whether that key works. A key grain is written before the
/// list names it and revoked before the list forgets it, so a failure half-way never leaves a working key that an
/// operator cannot see (a repeated rotation or delete finishes the work).
/// </summary>
internal sealed class EventSourcesGrain(
    [PersistentState("event-sources", StorageNames.Platform)] IPersistentState<EventSourcesState> sources,
    IOptions<PipelineOptions> options,
    TimeProvider clock) : Grain, IEventSourcesGrain
{
    public async Task<IssuedWriteKey?> CreateAsync(string name, int rateLimit)
    {
        if (sources.State.Sources.Any(s => string.Equals(s.Source.Name, name, StringComparison.OrdinalIgnoreCase)))
            return null;
        var writeKey = WriteKeys.Generate();
        var source = new EventSource(Guid.NewGuid(), name, rateLimit, clock.GetUtcNow(), WriteKeys.HintOf(writeKey));
        await KeyGrain(WriteKeys.HashOf(writeKey)).IssueAsync(source);
        sources.State.Sources.Add(new EventSourceRecord { Source = source, KeyHash = WriteKeys.HashOf(writeKey) });
        await sources.WriteStateAsync();
        return new IssuedWriteKey(source, writeKey);
    }

    public Task<EventSource[]> ListAsync() => Task.FromResult(sources.State.Sources.Select(s => s.Source).ToArray());

    public async Task<IssuedWriteKey?> RotateAsync(Guid id)
    {
        if (Find(id) is not { } record) return null;
        var writeKey = WriteKeys.Generate();
        var source = record.Source with { KeyHint = WriteKeys.HintOf(writeKey) };
        await KeyGrain(WriteKeys.HashOf(writeKey)).IssueAsync(source);
        // One old key at a time: a second rotation within the grace ends the first one's old key now.
        if (record.PreviousKeyHash is { } older)
            await KeyGrain(older).RevokeAsync();
        await KeyGrain(record.KeyHash).ExpireAsync(clock.GetUtcNow() + options.Value.WriteKeyGrace);
        (record.Source, record.PreviousKeyHash, record.KeyHash) = (source, record.KeyHash, WriteKeys.HashOf(writeKey));
        await sources.WriteStateAsync();
        return new IssuedWriteKey(source, writeKey);
    }

    public async Task<bool> DeleteAsync(Guid id)
    {
        if (Find(id) is not { } record) return false;
        await KeyGrain(record.KeyHash).RevokeAsync();
        if (record.PreviousKeyHash is { } previous)
            await KeyGrain(previous).RevokeAsync();
        sources.State.Sources.Remove(record);
        await sources.WriteStateAsync();
        return true;
    }

    private EventSourceRecord? Find(Guid id) => sources.State.Sources.Find(s => s.Source.Id == id);

    private IWriteKeyGrain KeyGrain(string hash) => GrainFactory.GetGrain<IWriteKeyGrain>(hash);
}
