namespace Grains.Pipeline;

/// <summary>
/// The analytics store, idempotent on <c>event_id</c>: it is the last word on duplicates, catching the
/// replays a crashed deduplication grain forgot.
/// </summary>
public interface IAnalyticsStore
{
    /// <summary>Stores the event unless a row with its id exists (then nothing changes), and says which.</summary>
    Task<StoreOutcome> StoreAsync(StoredEvent storedEvent, CancellationToken cancellationToken = default);

    /// <summary>The highest sequence stored for the user, 0 when none.</summary>
    Task<long> LastSequenceAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>The stored enriched document, or null.</summary>
    Task<string?> FindAsync(Guid eventId, CancellationToken cancellationToken = default);
}
