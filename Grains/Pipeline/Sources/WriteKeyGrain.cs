using Grains.Interfaces.Pipeline.Sources;

namespace Grains.Pipeline.Sources;

internal sealed class WriteKeyGrain(
    [PersistentState("write-key", StorageNames.Platform)] IPersistentState<WriteKeyState> key, TimeProvider clock) : Grain, IWriteKeyGrain
{
    public Task<EventSource?> ResolveAsync() => Task.FromResult(
        key.State.ValidUntil is { } until && clock.GetUtcNow() >= until ? null : key.State.Source);

    public async Task IssueAsync(EventSource source)
    {
        (key.State.Source, key.State.ValidUntil) = (source, null);
        await key.WriteStateAsync();
    }

    public async Task ExpireAsync(DateTimeOffset until)
    {
        if (key.State.Source is null) return;
        key.State.ValidUntil = key.State.ValidUntil is { } earlier && earlier < until ? earlier : until;
        await key.WriteStateAsync();
    }

    public async Task RevokeAsync()
    {
        if (key.State.Source is null) return;
        await key.ClearStateAsync();
    }
}
