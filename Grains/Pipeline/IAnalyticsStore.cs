using Grains.Interfaces.Pipeline;

namespace Grains.Pipeline;

/// <summary>
/// The analytics store, idempotent on <c>event_id</c>: it is the last word on duplicates, catching the
/// replays a crashed deduplication grain forgot.
/// </summary>
public interface IAnalyticsStore
{
    /// <summary>
    /// Stores each event unless a row with its id exists (then nothing changes), in one transaction, and says
    /// which, in order.
    /// </summary>
    Task<IReadOnlyList<StoreOutcome>> StoreAsync(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken = default);

    /// <summary>The rows already stored under any of these ids: where each came from, and its document.</summary>
    Task<IReadOnlyDictionary<Guid, StoredRow>> FindStoredAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default);

    /// <summary>The highest sequence stored for the user, 0 when none.</summary>
    Task<long> LastSequenceAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>The stored enriched document, or null.</summary>
    Task<string?> FindAsync(Guid eventId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes every stored event whose <c>user_id</c> is <paramref name="userId"/> — for a user id that is a Guid, in
    /// any of its spellings (as enrichment links them to the user) — and answers how many there were.
    /// </summary>
    Task<long> EraseUserAsync(string userId, CancellationToken cancellationToken = default);
}

/// <summary>A stored row: the raw-topic message it came from and its enriched document.</summary>
public sealed record StoredRow(MessagePosition Source, string Json);
