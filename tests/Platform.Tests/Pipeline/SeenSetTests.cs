using CsCheck;
using Grains.Pipeline;

namespace Platform.Tests.Pipeline;

/// <summary>
/// The seen-set in segments: random runs of sightings, pauses, prunes and flushes into a store kept here, checked
/// against what was added, and against the set read back from that store.
/// </summary>
public sealed class SeenSetTests
{
    private const int Cap = 50;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private enum Step { New, Again, Wait, Prune, Flush }

    [Fact]
    public void Remembers_what_it_must_forgets_only_what_it_may_and_reads_back_as_it_was()
    {
        var step = Gen.Select(Gen.Enum<Step>(), Gen.Int[1, 40]);
        step.Array[1, 150].Sample(steps => new Run().Play(steps), iter: 2_000);
    }

    [Fact]
    public void A_flush_writes_only_the_segments_changed_since_the_last_one()
    {
        var set = new SeenSet(cap: 100_000, Window);
        var now = DateTimeOffset.UnixEpoch;
        for (var i = 0; i < 95_500; i++) set.Add(Guid.NewGuid(), now);
        var first = set.TakeChanges();
        Assert.Equal(96, first.Writes.Count);

        for (var i = 0; i < 1_000; i++) set.Add(Guid.NewGuid(), now);
        var second = set.TakeChanges();
        // The 96th segment, sealed now, and the new open one; not the 95,000 ids sealed before.
        Assert.Equal([1_000, 500], second.Writes.Select(w => w.Stored.Entries.Length / 24));
        Assert.Empty(set.TakeChanges().Writes);
    }

    [Fact]
    public void Ids_kept_in_the_layout_before_segments_move_into_segments()
    {
        var now = DateTimeOffset.UnixEpoch;
        var legacy = Enumerable.Range(0, 12).ToDictionary(_ => Guid.NewGuid(), i => now.AddSeconds(i));
        var set = SeenSet.Restore(cap: 50, Window, [], legacy);

        Assert.All(legacy.Keys, id => Assert.True(set.Contains(id, now.AddMinutes(1))));
        var changes = set.TakeChanges();
        var restored = SeenSet.Restore(cap: 50, Window, changes.Manifest.Select(slot => (slot, changes.Writes.Single(w => w.Slot == slot).Stored)));
        Assert.All(legacy.Keys, id => Assert.True(restored.Contains(id, now.AddMinutes(1))));
    }

    private sealed class Run
    {
        private readonly SeenSet _set = new(Cap, Window);
        private readonly Dictionary<int, SeenSegmentState> _store = [];
        private readonly List<(Guid Id, DateTimeOffset At)> _sightings = [];
        private readonly HashSet<Guid> _neverAdded = [.. Enumerable.Range(0, 5).Select(_ => Guid.NewGuid())];
        private IReadOnlyList<int> _manifest = [];
        private int _addedSinceFlush;
        private DateTimeOffset _now = DateTimeOffset.UnixEpoch;

        public void Play((Step Step, int Amount)[] steps)
        {
            foreach (var (step, amount) in steps)
            {
                switch (step)
                {
                    case Step.New:
                        for (var i = 0; i < amount; i++) See(Guid.NewGuid());
                        break;
                    case Step.Again when _sightings.Count > 0:
                        // As the deduplication grain does: an id still seen is a duplicate, only one past the window is added again.
                        var again = _sightings[amount % _sightings.Count].Id;
                        if (!_set.Contains(again, _now)) See(again);
                        break;
                    case Step.Wait:
                        _now += TimeSpan.FromSeconds(amount * 10);
                        break;
                    case Step.Prune:
                        _set.Prune(_now);
                        Assert.True(_set.Count <= Cap, $"{_set.Count} ids kept after a prune, over the cap of {Cap}");
                        break;
                    case Step.Flush:
                        Flush();
                        break;
                }
                Check(_set);
            }

            Flush();
            Check(SeenSet.Restore(Cap, Window, _manifest.Select(slot => (slot, _store[slot]))));
        }

        private void See(Guid id)
        {
            _set.Add(id, _now);
            _sightings.Add((id, _now));
            _addedSinceFlush++;
            _now += TimeSpan.FromSeconds(1);
        }

        private void Flush()
        {
            _set.Prune(_now);
            var changes = _set.TakeChanges();
            Assert.All(changes.Writes, w => Assert.InRange(w.Stored.Entries.Length / 24, 0, _set.SegmentSize));
            Assert.True(changes.Writes.Count <= _addedSinceFlush / _set.SegmentSize + 2,
                $"{changes.Writes.Count} segments written for {_addedSinceFlush} ids added since the last flush");
            Assert.All(changes.Manifest, slot => Assert.InRange(slot, 0, _set.SlotCount - 1));
            foreach (var (slot, stored) in changes.Writes) _store[slot] = stored;
            foreach (var slot in changes.Clears) _store.Remove(slot);
            _manifest = changes.Manifest;
            _addedSinceFlush = 0;
        }

        private void Check(SeenSet set)
        {
            Assert.All(_neverAdded, id => Assert.False(set.Contains(id, _now)));
            var newestFirst = _sightings.AsEnumerable().Reverse().DistinctBy(s => s.Id).ToList();
            for (var i = 0; i < newestFirst.Count; i++)
            {
                var (id, at) = newestFirst[i];
                var inWindow = _now - at < Window;
                if (!inWindow) Assert.False(set.Contains(id, _now), "an id seen before the window still counts as seen");
                // Whole segments are forgotten at a time: the newest cap minus one segment are always kept.
                else if (i < Cap - set.SegmentSize) Assert.True(set.Contains(id, _now), $"the {i + 1}th newest id was forgotten");
            }
        }
    }
}
