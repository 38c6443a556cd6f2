using Grains.Interfaces.Content;
using Orleans.Storage;

namespace Grains.Content;

/// <summary>
/// A range of an index. Every create in the cluster lands on the feed's current segment (and an author writing a burst
/// on theirs), so its writes are coalesced: changes made while a write is under way go out together in the next one,
/// and each caller's task completes when the write that carries its change is stored. One storage write then serves
/// as many creates as arrive during one commit, instead of capping the cluster's creates at one commit each.
/// </summary>
internal abstract class IndexSegmentGrain(IPersistentState<IndexSegmentState> state) : Grain, IIndexSegmentGrain
{
    private readonly List<SegmentChange> _unwritten = [];
    private TaskCompletionSource? _nextWrite, _writeUnderWay;

    // What reads and changes see. The persistent state only ever holds a copy of it, being written: storage
    // serializes off the grain's scheduler while interleaved changes go on here.
    private List<IndexEntry> _entries = [];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _entries = [.. state.State.Entries];
        return Task.CompletedTask;
    }

    public Task AddAsync(IndexEntry entry) => ChangeAsync(new(entry, null));

    public Task RemoveAsync(long sequence) => ChangeAsync(new(null, sequence));

    public Task<IndexEntry[]> ReadAsync(long before, int max) => Task.FromResult(OrderedIndex.NewestBefore(_entries, before, max));

    private Task ChangeAsync(SegmentChange change)
    {
        // Nothing to change: the state already says so, but perhaps only in memory, with its write still to come.
        if (!Apply(change))
            return (_nextWrite ?? _writeUnderWay)?.Task ?? Task.CompletedTask;

        _unwritten.Add(change);
        var next = _nextWrite ??= new(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_writeUnderWay is null)
            _ = WriteLoopAsync();
        return next.Task;
    }

    private async Task WriteLoopAsync()
    {
        while (_nextWrite is { } write)
        {
            (_nextWrite, _writeUnderWay) = (null, write);
            SegmentChange[] changes = [.. _unwritten];
            _unwritten.Clear();
            try
            {
                if (!state.RecordExists)
                    await BeforeFirstWriteAsync();
                await WriteAsync(changes);
                write.SetResult();
            }
            catch (Exception exception)
            {
                // Memory now holds changes storage may lack: the next activation starts from what storage has.
                DeactivateOnIdle();
                write.SetException(exception);
            }
        }
        _writeUnderWay = null;
    }

    /// <summary>Runs before the segment is first stored: where an index must learn that the segment exists.</summary>
    protected virtual Task BeforeFirstWriteAsync() => Task.CompletedTask;

    private async Task WriteAsync(SegmentChange[] changes)
    {
        try
        {
            await WriteCopyAsync();
        }
        catch (InconsistentStateException)
        {
            // Another activation wrote in between (for a moment while silos hand grains over, a grain can have two):
            // its version wins, and what this one changed, written or still waiting, is applied to it again.
            await state.ReadStateAsync();
            _entries = [.. state.State.Entries];
            foreach (var change in changes.Concat(_unwritten))
                Apply(change);
            await WriteCopyAsync();
        }
    }

    private Task WriteCopyAsync()
    {
        state.State = new IndexSegmentState { Entries = [.. _entries] };
        return state.WriteStateAsync();
    }

    /// <summary>Applies the change to the entries in memory; false when they already were so.</summary>
    private bool Apply(SegmentChange change)
    {
        if (change.Added is { } entry)
        {
            var at = OrderedIndex.IndexOf(_entries, entry.Sequence);
            if (at >= 0) return false;
            _entries.Insert(~at, entry);
            return true;
        }

        var index = OrderedIndex.IndexOf(_entries, change.Removed!.Value);
        if (index < 0) return false;
        _entries.RemoveAt(index);
        return true;
    }

    private sealed record SegmentChange(IndexEntry? Added, long? Removed);
}
