using System.Buffers.Binary;

namespace Grains.Pipeline;

/// <summary>
/// A key's seen-set (event id → when first seen), kept in segments so that writing it behind costs what changed, not
/// what it holds. New ids go to the open segment. Once that holds <see cref="SegmentSize"/> ids it is sealed, written one
/// last time and never again. A sealed segment is dropped whole, once its newest id has left the window or the set is
/// over its cap, so the newest ids up to the cap less one segment are always kept.
/// Segments live in a fixed ring of storage slots: a heavy key overwrites its own rows instead of leaving new ones
/// behind. A flush writes the open segment and those sealed since the last flush, and clears the slots dropped since.
/// </summary>
internal sealed class SeenSet
{
    /// <summary>An id and its first sighting: 16 bytes of id and 8 of UTC ticks in a segment's stored form.</summary>
    private const int EntrySize = 24;

    private readonly int _cap;
    private readonly TimeSpan _window;
    private readonly Dictionary<Guid, (DateTimeOffset At, Segment In)> _ids = [];
    private readonly List<Segment> _segments = []; // oldest first; the last one may be open
    private readonly HashSet<int> _cleared = [];

    public SeenSet(int cap, TimeSpan window)
    {
        _cap = cap;
        _window = window;
        // A flush rewrites the open segment whole, so its size is what a key pays per flush beyond its new ids: 1,000
        // ids (24 KiB) under the default cap, a tenth of smaller caps, and never so small that a key needs over 102 rows.
        SegmentSize = Math.Max(1, Math.Max(cap / 100, Math.Min(cap / 10, 1_000)));
        // Enough for the segments a full set spans, the open one, and one sealed in a batch before the prune that
        // drops the oldest; were they ever all taken, the oldest segment gives up its slot.
        SlotCount = cap / SegmentSize + 2;
    }

    public int SegmentSize { get; }

    public int SlotCount { get; }

    public int Count => _ids.Count;

    /// <summary>The slots of the live segments, oldest first: the manifest a flush writes with the key's state.</summary>
    public IReadOnlyList<int> Slots => _segments.ConvertAll(s => s.Slot);

    /// <summary>
    /// The set as stored: <paramref name="segments"/> in the manifest's order, and ids from the layout before segments
    /// (one map in the key's state), which move to the open segment and are written with it.
    /// </summary>
    public static SeenSet Restore(
        int cap, TimeSpan window, IEnumerable<(int Slot, SeenSegmentState Stored)> segments, IReadOnlyDictionary<Guid, DateTimeOffset>? legacy = null)
    {
        var set = new SeenSet(cap, window);
        foreach (var (slot, stored) in segments)
        {
            // Only the newest segment can still be open.
            if (set._segments is [.., var previous]) previous.Sealed = true;
            var segment = new Segment(slot);
            set._segments.Add(segment);
            var entries = stored.Entries.AsSpan();
            for (var offset = 0; offset + EntrySize <= entries.Length; offset += EntrySize)
            {
                var id = new Guid(entries.Slice(offset, 16));
                var at = new DateTimeOffset(BinaryPrimitives.ReadInt64LittleEndian(entries.Slice(offset + 16, 8)), TimeSpan.Zero);
                set.Append(segment, id, at);
            }
            segment.Changed = false;
            segment.Sealed = segment.Entries.Count >= set.SegmentSize;
        }

        foreach (var (id, at) in legacy?.OrderBy(e => e.Value) ?? Enumerable.Empty<KeyValuePair<Guid, DateTimeOffset>>())
            set.Add(id, at);
        return set;
    }

    public bool Contains(Guid id, DateTimeOffset now) => _ids.TryGetValue(id, out var seen) && now - seen.At < _window;

    /// <summary>
    /// Records <paramref name="id"/> as seen at <paramref name="at"/>: an id not seen, or seen before the window only. An id
    /// still seen is a duplicate, not added; added anyway, its earlier entry would take room in a live segment, and enough
    /// of those fill the ring of slots, whose oldest segment then goes before the set is over its cap.
    /// </summary>
    public void Add(Guid id, DateTimeOffset at)
    {
        var open = _segments is [.., { Sealed: false } last] ? last : Open();
        Append(open, id, at);
        if (open.Entries.Count >= SegmentSize) open.Sealed = true;
    }

    /// <summary>
    /// Drops the sealed segments whose ids have all left the window, then, while over the cap, the oldest; takes the
    /// expired ids out of the open segment. True when anything was forgotten.
    /// </summary>
    public bool Prune(DateTimeOffset now)
    {
        var before = _ids.Count;
        var oldest = now - _window;
        while (_segments is [{ Sealed: true } first, ..] && (first.Newest < oldest || _ids.Count > _cap))
            Drop(first);

        if (_segments is [.., { Sealed: false } open] && open.Entries is [var (_, at), ..] && at < oldest)
        {
            foreach (var (id, _) in open.Entries.Where(e => e.At < oldest))
            {
                if (_ids.TryGetValue(id, out var seen) && seen.In == open && seen.At < oldest) _ids.Remove(id);
            }
            open.Entries.RemoveAll(e => e.At < oldest);
            open.Changed = true;
        }

        return _ids.Count != before;
    }

    /// <summary>What a flush writes: the segments changed since the last one, the slots to clear and the manifest.</summary>
    public SeenChanges TakeChanges()
    {
        var writes = _segments.Where(s => s.Changed).Select(s => (s.Slot, Stored: s.ToStored())).ToList();
        foreach (var segment in _segments) segment.Changed = false;
        var cleared = _cleared.ToList();
        _cleared.Clear();
        return new SeenChanges(writes, cleared, Slots);
    }

    /// <summary>A flush failed: everything it was to write is written by the next one.</summary>
    public void ReturnChanges(SeenChanges changes)
    {
        var failed = changes.Writes.Select(w => w.Slot).ToHashSet();
        foreach (var segment in _segments.Where(s => failed.Contains(s.Slot))) segment.Changed = true;
        foreach (var slot in changes.Clears.Where(slot => _segments.All(s => s.Slot != slot))) _cleared.Add(slot);
    }

    private Segment Open()
    {
        var taken = _segments.Select(s => s.Slot).ToHashSet();
        var slot = Enumerable.Range(0, SlotCount).FirstOrDefault(s => !taken.Contains(s), -1);
        if (slot < 0)
        {
            slot = _segments[0].Slot;
            Drop(_segments[0]);
        }

        _cleared.Remove(slot);
        var segment = new Segment(slot);
        _segments.Add(segment);
        return segment;
    }

    private void Append(Segment segment, Guid id, DateTimeOffset at)
    {
        segment.Entries.Add((id, at));
        if (at > segment.Newest) segment.Newest = at;
        segment.Changed = true;
        _ids[id] = (at, segment);
    }

    private void Drop(Segment segment)
    {
        foreach (var (id, _) in segment.Entries)
        {
            // Seen again later, the id belongs to a newer segment.
            if (_ids.TryGetValue(id, out var seen) && seen.In == segment) _ids.Remove(id);
        }
        _segments.Remove(segment);
        _cleared.Add(segment.Slot);
    }

    private sealed class Segment(int slot)
    {
        public int Slot { get; } = slot;
        public List<(Guid Id, DateTimeOffset At)> Entries { get; } = [];
        public DateTimeOffset Newest { get; set; } = DateTimeOffset.MinValue;
        public bool Sealed { get; set; }
        public bool Changed { get; set; }

        public SeenSegmentState ToStored()
        {
            var bytes = new byte[Entries.Count * EntrySize];
            for (var i = 0; i < Entries.Count; i++)
            {
                var entry = bytes.AsSpan(i * EntrySize, EntrySize);
                Entries[i].Id.TryWriteBytes(entry[..16]);
                BinaryPrimitives.WriteInt64LittleEndian(entry[16..], Entries[i].At.UtcTicks);
            }
            return new SeenSegmentState { Entries = bytes };
        }
    }
}

/// <summary>A flush's share of the seen-set: segments to write by slot, slots to clear, and the live slots in order.</summary>
internal sealed record SeenChanges(List<(int Slot, SeenSegmentState Stored)> Writes, List<int> Clears, IReadOnlyList<int> Manifest);
