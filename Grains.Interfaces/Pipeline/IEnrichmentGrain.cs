namespace Grains.Interfaces.Pipeline;

/// <summary>One per <c>user_id</c>: adds received_at, processed_at, user and sequence, publishes and stores.</summary>
public interface IEnrichmentGrain : IGrainWithStringKey
{
    /// <summary>
    /// Enriches, publishes and stores the user's events, in order; the outcomes are in the same order. Throws
    /// when any could not be published or stored: the caller retries the batch, and what was stored the first
    /// time is then recognised, not stored again.
    /// </summary>
    Task<IReadOnlyList<EnrichmentOutcome>> EnrichAsync(IReadOnlyList<RawEvent> events);
}
