namespace Grains.Interfaces.Pipeline;

public enum EnrichmentOutcome
{
    /// <summary>Enriched and stored for the first time.</summary>
    Stored,

    /// <summary>The analytics store already had it: a replay the deduplication grain had forgotten.</summary>
    Duplicate,
}
