using Grains.Interfaces.Pipeline;
using Grains.Pipeline;
using Silo.Analytics;

namespace Platform.Tests.Pipeline;

/// <summary>The rule behind each event's outcome in a group commit, without a database.</summary>
public sealed class StoreOutcomesTests
{
    private static readonly MessagePosition Here = new(0, 10), Elsewhere = new(1, 20);

    [Fact]
    public void An_inserted_id_is_inserted_for_its_first_write_only()
    {
        var e = Event(Here);
        var outcomes = StoreOutcomes.Classify([[e], [e], [e with { Source = Elsewhere }]], new HashSet<Guid> { e.EventId }, Empty);

        Assert.Equal([StoreOutcome.Inserted], outcomes[0]);
        Assert.Equal([StoreOutcome.Redelivered], outcomes[1]);
        Assert.Equal([StoreOutcome.Duplicate], outcomes[2]);
    }

    [Fact]
    public void A_row_stored_before_the_commit_decides_by_where_it_came_from()
    {
        var e = Event(Here);
        var earlier = new Dictionary<Guid, MessagePosition> { [e.EventId] = Here };

        var outcomes = StoreOutcomes.Classify([[e, e with { Source = Elsewhere }]], new HashSet<Guid>(), earlier);

        Assert.Equal([StoreOutcome.Redelivered, StoreOutcome.Duplicate], outcomes[0]);
    }

    [Fact]
    public void Outcomes_keep_each_write_and_its_order()
    {
        var (a, b, c) = (Event(Here), Event(Here), Event(Elsewhere));
        var outcomes = StoreOutcomes.Classify([[a, b], [], [c, a]], new HashSet<Guid> { a.EventId, b.EventId, c.EventId }, Empty);

        Assert.Equal(3, outcomes.Length);
        Assert.Equal([StoreOutcome.Inserted, StoreOutcome.Inserted], outcomes[0]);
        Assert.Empty(outcomes[1]);
        Assert.Equal([StoreOutcome.Inserted, StoreOutcome.Redelivered], outcomes[2]);
    }

    private static readonly IReadOnlyDictionary<Guid, MessagePosition> Empty = new Dictionary<Guid, MessagePosition>();

    private static StoredEvent Event(MessagePosition source) => new(
        Guid.NewGuid(), "user", "page_view", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1, "{}"u8.ToArray(), source);
}
