using System.Diagnostics.CodeAnalysis;
using Grains.Interfaces.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace Grains.Notifications;

/// <summary>
/// A feed of notifications (see <see cref="INotificationFeedGrain"/>). Appends are numbered at once and stored by one
/// write loop: every append that arrives while a write is under way goes out in the next one, so a feed takes as many
/// appends per second as one storage write can carry, not one per write. Only what is stored is published, in order,
/// and only then are the writers answered. The loop is also the only place that writes, so the rare changes besides
/// appends (an erased account's notifications taken out, a feed cleared) queue there too.
/// </summary>
internal sealed partial class NotificationFeedGrain(
    [PersistentState("notification-feed", StorageNames.Platform)] IPersistentState<NotificationFeedState> state,
    [FromKeyedServices(StorageNames.Platform)] IGrainStorage storage,
    NotificationObservers observers,
    IOptions<NotificationSiloOptions> options,
    TimeProvider clock,
    ILogger<NotificationFeedGrain> logger) : Grain, INotificationFeedGrain
{
    /// <summary>Notifications per segment: an append rewrites its segment, so it stays small.</summary>
    internal const int SegmentCapacity = 32;

    /// <summary>Data per segment, so a burst of large posts does not make every append rewrite megabytes.</summary>
    internal const int SegmentBytes = 256 * 1024;

    private const string SegmentStateName = "notification-segment";
    private const int CachedSegments = 4;

    private readonly NotificationSiloOptions _settings = options.Value;
    private readonly List<PendingAppend> _unwritten = [];
    private readonly Queue<PendingWork> _work = new();
    private readonly Dictionary<NotificationKey, Task> _recent = [];
    private readonly Queue<NotificationKey> _recentOrder = new();
    private readonly List<(long Number, Notification[] Entries)> _closedCache = [];

    private SegmentRecord _current = new();
    private int _currentBytes;
    private long _assigned, _head;
    private DateTimeOffset _lastAt, _activatedAt;
    private bool _writing;
    private Exception? _broken;

    private string Feed => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await storage.ReadStateAsync(SegmentStateName, SegmentId(state.State.Current), _current);
        var entries = _current.Entries;
        var lastClosed = state.State.Closed.LastOrDefault();
        // A segment's last write may have been lost with its silo; the numbers it was given are never given again.
        _head = _assigned = Math.Max(entries.LastOrDefault()?.Sequence ?? 0, lastClosed?.LastSequence ?? 0);
        _lastAt = entries.LastOrDefault()?.At ?? lastClosed?.LastAt ?? DateTimeOffset.MinValue;
        _currentBytes = entries.Sum(e => e.Data.Length);
        foreach (var entry in entries)
            Remember(entry.ChangeKey(), Task.CompletedTask);
        _activatedAt = clock.GetUtcNow();
    }

    public Task AppendAsync(NotificationDraft draft)
    {
        if (_broken is { } broken)
            return Task.FromException(broken);
        if (_recent.TryGetValue(draft.ChangeKey(), out var earlier) && !earlier.IsFaulted)
            return earlier;

        // Times never go backwards along the feed, even if the clock does.
        var now = clock.GetUtcNow();
        _lastAt = now > _lastAt ? now : _lastAt;
        var notification = new Notification(Feed, ++_assigned, draft.Type, draft.ResourceId, draft.ActorId, _lastAt, draft.Version, draft.Data);
        var append = new PendingAppend(notification, new(TaskCreationOptions.RunContinuationsAsynchronously));
        _unwritten.Add(append);
        Remember(draft.ChangeKey(), append.Stored.Task);
        StartWriting();
        return append.Stored.Task;
    }

    public async Task EnsureAsync(NotificationDraft draft, DateTimeOffset changedAt)
    {
        if (_recent.TryGetValue(draft.ChangeKey(), out var earlier) && !earlier.IsFaulted)
        {
            await earlier;
            return;
        }
        // This activation remembers every key it appended (up to MaxRetained); only a change older than the activation
        // can be in storage without being remembered.
        if (changedAt <= _activatedAt && await IsStoredAsync(draft.ChangeKey(), changedAt))
        {
            Remember(draft.ChangeKey(), Task.CompletedTask);
            return;
        }
        await AppendAsync(draft);
    }

    private async Task<bool> IsStoredAsync(NotificationKey key, DateTimeOffset changedAt)
    {
        // A notification is appended after its change, so only segments that end later can hold it.
        foreach (var segment in state.State.Closed.Where(s => s.LastAt >= changedAt).ToArray())
        {
            if ((await ClosedEntriesAsync(segment.Number)).Any(e => e.ChangeKey() == key))
                return true;
        }
        return _current.Entries.Any(e => e.ChangeKey() == key && e.Sequence <= _head);
    }

    public async Task<FeedPage> ReadAsync(long after, int max)
    {
        // Cleared, or a write failed: what memory holds may no longer be what storage holds.
        if (_broken is { } broken)
            throw new InvalidOperationException($"Notification feed {Feed} is reloading from storage.", broken);
        var head = _head;
        var first = FirstKept();
        if (max <= 0 || after < first - 1 || after >= head)
            return new FeedPage(first, head, []);

        // Copies first: the segment being appended to may fill up and close while older ones are read.
        var current = _current.Entries.ToArray();
        var closed = state.State.Closed.ToArray();
        var from = after + 1;
        var items = new List<Notification>(Math.Min(max, 4 * SegmentCapacity));
        for (var i = FirstHolding(closed, from); i < closed.Length && items.Count < max; i++)
            Take(await ClosedEntriesAsync(closed[i].Number), from, head, max, items);
        Take(current, from, head, max, items);
        return new FeedPage(first, head, [.. items]);
    }

    public Task ForgetActorAsync(string actorId) => RunExclusiveAsync(async () =>
    {
        foreach (var segment in state.State.Closed)
        {
            var record = new SegmentRecord();
            await storage.ReadStateAsync(SegmentStateName, SegmentId(segment.Number), record);
            if (record.Entries.RemoveAll(e => e.ActorId == actorId) > 0)
                await storage.WriteStateAsync(SegmentStateName, SegmentId(segment.Number), record);
        }
        _closedCache.Clear();
        if (_current.Entries.RemoveAll(e => e.ActorId == actorId) > 0)
        {
            _currentBytes = _current.Entries.Sum(e => e.Data.Length);
            await storage.WriteStateAsync(SegmentStateName, SegmentId(state.State.Current), _current);
        }
        LogForgotten(Feed);
    });

    public Task ClearAsync() => RunExclusiveAsync(async () =>
    {
        foreach (var segment in state.State.Closed)
            await ClearSegmentAsync(segment.Number);
        await ClearSegmentAsync(state.State.Current);
        await state.ClearStateAsync();
        // The next activation starts an empty feed from storage; this one must not serve what it remembers.
        _broken = new InvalidOperationException($"Notification feed {Feed} was cleared.");
        DeactivateOnIdle();
    });

    /// <summary>
    /// The oldest sequence number a reader may still go on from: full segments whose newest notification is older than
    /// the retention count as gone (they leave storage when the next segment fills), as do the current segment's older
    /// notifications and everything beyond the newest MaxRetained. Notifications an erasure took out do not move it:
    /// nobody may see them, so a reader from before them has missed nothing.
    /// </summary>
    private long FirstKept()
    {
        var cutoff = clock.GetUtcNow() - _settings.Retention;
        var first = _head + 1;
        var entries = _current.Entries;
        var lastExpired = entries.FindLastIndex(e => e.At < cutoff);
        if (entries.Skip(lastExpired + 1).Any(e => e.Sequence <= _head))
            first = lastExpired >= 0 ? entries[lastExpired].Sequence + 1 : CurrentSegmentStart();
        var closed = state.State.Closed;
        for (var i = closed.Count - 1; i >= 0 && closed[i].LastAt >= cutoff; i--)
            first = closed[i].FirstSequence;
        return Math.Max(first, _head - _settings.MaxRetained + 1);
    }

    /// <summary>
    /// The first sequence number the current segment was opened for: after the last full segment's, or 1 in a feed
    /// that never filled one. Where every full segment has left, only its oldest notification left says.
    /// </summary>
    private long CurrentSegmentStart() => state.State.Closed is [.., var previous]
        ? previous.LastSequence + 1
        : state.State.Current == 0 ? 1 : _current.Entries[0].Sequence;

    private static int FirstHolding(SegmentSummary[] closed, long sequence)
    {
        var (low, high) = (0, closed.Length);
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (closed[middle].LastSequence < sequence) low = middle + 1;
            else high = middle;
        }
        return low;
    }

    private static void Take(IEnumerable<Notification> entries, long from, long head, int max, List<Notification> items)
    {
        foreach (var entry in entries)
        {
            if (items.Count >= max || entry.Sequence > head) return;
            if (entry.Sequence >= from) items.Add(entry);
        }
    }

    private async Task<Notification[]> ClosedEntriesAsync(long number)
    {
        foreach (var (cached, entries) in _closedCache)
        {
            if (cached == number) return entries;
        }
        var record = new SegmentRecord();
        await storage.ReadStateAsync(SegmentStateName, SegmentId(number), record);
        Cache(number, [.. record.Entries]);
        return [.. record.Entries];
    }

    private void Cache(long number, Notification[] entries)
    {
        _closedCache.RemoveAll(c => c.Number == number);
        if (_closedCache.Count >= CachedSegments) _closedCache.RemoveAt(0);
        _closedCache.Add((number, entries));
    }

    private void Remember(NotificationKey key, Task stored)
    {
        if (_recent.TryAdd(key, stored))
            _recentOrder.Enqueue(key);
        else
            _recent[key] = stored;
        while (_recentOrder.Count > _settings.MaxRetained)
            _recent.Remove(_recentOrder.Dequeue());
    }

    private Task RunExclusiveAsync(Func<Task> work)
    {
        if (_broken is { } broken)
            return Task.FromException(broken);
        var pending = new PendingWork(work, new(TaskCreationOptions.RunContinuationsAsynchronously));
        _work.Enqueue(pending);
        StartWriting();
        return pending.Done.Task;
    }

    private void StartWriting()
    {
        if (_writing) return;
        _writing = true;
        _ = WriteLoopAsync();
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            while (_broken is null && (_work.Count > 0 || _unwritten.Count > 0))
            {
                if (_work.TryDequeue(out var work))
                    await RunAsync(work);
                else
                    await StoreAndPublishAsync();
            }
        }
        finally
        {
            _writing = false;
        }
    }

    private async Task RunAsync(PendingWork work)
    {
        try
        {
            await work.Work();
            work.Done.TrySetResult();
        }
        catch (Exception exception)
        {
            Break(exception);
            work.Done.TrySetException(exception);
        }
    }

    private async Task StoreAndPublishAsync()
    {
        PendingAppend[] batch = [.. _unwritten];
        _unwritten.Clear();
        List<long> dropped;
        try
        {
            dropped = await StoreAsync(batch);
        }
        catch (Exception exception)
        {
            LogStoreFailed(exception, Feed, batch.Length);
            Break(exception);
            foreach (var append in batch) append.Stored.TrySetException(exception);
            return;
        }

        _head = batch[^1].Notification.Sequence;
        Notification[] stored = [.. batch.Select(a => a.Notification)];
        await observers.PublishAsync(stored);
        foreach (var append in batch) append.Stored.TrySetResult();

        // After the writers have their answer: a segment that left the feed costs nobody waiting.
        foreach (var number in dropped)
        {
            try { await ClearSegmentAsync(number); }
            catch (Exception exception) { LogDropFailed(exception, Feed, number); }
        }
    }

    /// <summary>Stores the batch; answers the segments that left the feed, to be cleared from storage.</summary>
    private async Task<List<long>> StoreAsync(PendingAppend[] batch)
    {
        var closing = new List<(long Number, SegmentRecord Record)>();
        foreach (var append in batch)
        {
            var entries = _current.Entries;
            if (entries.Count >= SegmentCapacity || (entries.Count > 0 && _currentBytes + append.Notification.Data.Length > SegmentBytes))
            {
                closing.Add((state.State.Current, _current));
                state.State.Closed.Add(new SegmentSummary(state.State.Current, entries[0].Sequence, entries[^1].Sequence, entries[^1].At));
                Cache(state.State.Current, [.. entries]);
                state.State.Current++;
                (_current, _currentBytes) = (new(), 0);
            }
            _current.Entries.Add(append.Notification);
            _currentBytes += append.Notification.Data.Length;
        }

        var dropped = new List<long>();
        if (closing.Count > 0)
        {
            dropped = DropOldSegments(batch[^1].Notification.Sequence);
            // The table of contents first: after a crash, the next activation reads the segment it names as current,
            // and never numbers a notification twice.
            await state.WriteStateAsync();
        }
        var writes = closing.Select(c => storage.WriteStateAsync(SegmentStateName, SegmentId(c.Number), c.Record));
        await Task.WhenAll([.. writes, storage.WriteStateAsync(SegmentStateName, SegmentId(state.State.Current), _current)]);
        return dropped;
    }

    /// <summary>Takes out of the table of contents the full segments past the retention or beyond the newest MaxRetained.</summary>
    private List<long> DropOldSegments(long newest)
    {
        var cutoff = clock.GetUtcNow() - _settings.Retention;
        var closed = state.State.Closed;
        var dropped = new List<long>();
        while (closed.Count > 0 && (closed[0].LastAt < cutoff || closed[0].LastSequence <= newest - _settings.MaxRetained))
        {
            dropped.Add(closed[0].Number);
            closed.RemoveAt(0);
        }
        return dropped;
    }

    private async Task ClearSegmentAsync(long number)
    {
        _closedCache.RemoveAll(c => c.Number == number);
        var record = new SegmentRecord();
        await storage.ReadStateAsync(SegmentStateName, SegmentId(number), record);
        if (record.RecordExists)
            await storage.ClearStateAsync(SegmentStateName, SegmentId(number), record);
    }

    /// <summary>Memory now holds what storage may lack: this activation stops, and the next starts from storage.</summary>
    private void Break(Exception exception)
    {
        _broken ??= exception;
        foreach (var append in _unwritten) append.Stored.TrySetException(exception);
        _unwritten.Clear();
        while (_work.TryDequeue(out var work)) work.Done.TrySetException(exception);
        DeactivateOnIdle();
    }

    private GrainId SegmentId(long number) => GrainId.Create("notificationsegment", $"{Feed}/{number}");

    /// <summary>One segment's storage record, with the version (ETag) that its next write must match.</summary>
    private sealed class SegmentRecord : IGrainState<NotificationSegmentState>
    {
        // Storage may set null; a missing record reads as an empty segment.
        [AllowNull]
        public NotificationSegmentState State { get => field ??= new(); set; }

        public string? ETag { get; set; }

        public bool RecordExists { get; set; }

        public List<Notification> Entries => State.Entries;
    }

    private sealed record PendingAppend(Notification Notification, TaskCompletionSource Stored);

    private sealed record PendingWork(Func<Task> Work, TaskCompletionSource Done);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification feed {Feed} could not store {Count} notification(s); it reloads from storage")]
    private partial void LogStoreFailed(Exception exception, string feed, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification feed {Feed} could not clear its old segment {Number} from storage")]
    private partial void LogDropFailed(Exception exception, string feed, long number);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification feed {Feed}: an erased account's notifications taken out")]
    private partial void LogForgotten(string feed);
}
