using Grains.Interfaces.Content;

namespace Grains.Content;

internal sealed class PostFeedGrain(
    [PersistentState("post-feed", StorageNames.Platform)] IPersistentState<PostFeedState> state,
    TimeProvider clock) : Grain, IPostFeedGrain
{
    // One storage write per block instead of per post. A restart skips the rest of the block: the gap
    // costs a listing at most one near-empty segment read.
    private const int Block = IIndexSegmentGrain.SegmentSize;

    private long _next;
    private DateTimeOffset _lastAt;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _next = state.State.Reserved;
        return Task.CompletedTask;
    }

    public async Task<FeedSlot> ReserveAsync()
    {
        if (_next >= state.State.Reserved)
        {
            // Another activation's reservation (two can exist for a moment while silos hand grains over) is
            // skipped: its numbers are its own.
            await state.ApplyAndWriteAsync(this, reserved =>
            {
                _next = Math.Max(_next, reserved.Reserved);
                state.State = new() { Reserved = _next + Block };
                return true;
            });
        }

        // Creation times never go backwards along the feed, even if the clock does.
        var now = clock.GetUtcNow();
        _lastAt = now > _lastAt ? now : _lastAt;
        return new(Sequence: _next++, At: _lastAt);
    }

    public Task<long> GetHeadAsync() => Task.FromResult(_next);
}
