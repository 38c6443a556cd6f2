using Grains.Interfaces.Pipeline;
using Grains.Pipeline;

namespace Silo.Analytics;

/// <summary>What one group commit meant for each event of each write in it: a pure rule, so it is tested on its own.</summary>
internal static class StoreOutcomes
{
    /// <summary>
    /// An event is <see cref="StoreOutcome.Inserted"/> for the first write in the commit that carries its id, when
    /// the commit inserted that id; any other event with that id is <see cref="StoreOutcome.Redelivered"/> when it
    /// comes from the same raw-topic message as the row, and a <see cref="StoreOutcome.Duplicate"/> otherwise.
    /// </summary>
    /// <param name="writes">The commit's writes, in the order they were queued.</param>
    /// <param name="inserted">The ids the commit inserted.</param>
    /// <param name="earlierRows">Where each id the commit did not insert was first stored from.</param>
    public static IReadOnlyList<StoreOutcome>[] Classify(
        IReadOnlyList<IReadOnlyList<StoredEvent>> writes,
        IReadOnlySet<Guid> inserted,
        IEnumerable<KeyValuePair<Guid, MessagePosition>> earlierRows)
    {
        var rowSources = new Dictionary<Guid, MessagePosition>(earlierRows);
        var outcomes = new IReadOnlyList<StoreOutcome>[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            var events = writes[i];
            var write = new StoreOutcome[events.Count];
            for (var j = 0; j < events.Count; j++)
            {
                var e = events[j];
                write[j] = rowSources.TryAdd(e.EventId, e.Source) && inserted.Contains(e.EventId) ? StoreOutcome.Inserted
                    : rowSources[e.EventId] == e.Source ? StoreOutcome.Redelivered
                    : StoreOutcome.Duplicate;
            }
            outcomes[i] = write;
        }
        return outcomes;
    }
}
