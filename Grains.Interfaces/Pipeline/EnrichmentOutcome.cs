namespace Grains.Interfaces.Pipeline;

public enum EnrichmentOutcome
{
    /// <summary>Enriched and stored for the first time.</summary>
    Stored,

    /// <summary>The analytics store already had it from another message: a duplicate the deduplication grain had forgotten.</summary>
    Duplicate,

    /// <summary>The analytics store already had it from this very message: Kafka delivered it again after a crash.</summary>
    Redelivered,
}
