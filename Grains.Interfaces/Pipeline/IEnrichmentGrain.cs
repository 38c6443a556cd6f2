namespace Grains.Interfaces.Pipeline;

/// <summary>One per <c>user_id</c>: adds received_at, processed_at, user and sequence, publishes and stores.</summary>
public interface IEnrichmentGrain : IGrainWithStringKey
{
    /// <summary>Throws when the event could not be enriched or stored; the caller retries.</summary>
    Task<EnrichmentOutcome> EnrichAsync(RawEvent rawEvent);

    /// <summary>The user's profile changed: the cached copy must not be used again.</summary>
    [Orleans.Concurrency.OneWay]
    Task ForgetProfileAsync();
}
