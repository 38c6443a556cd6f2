namespace Grains.Interfaces.Pipeline;

/// <summary>
/// One per <c>user_id</c>, an implicit subscriber of the raw topic: drops an <c>event_id</c> seen for the
/// same key within the window, dead-letters what cannot be processed, and hands the rest to enrichment.
/// </summary>
public interface IDeduplicationGrain : IGrainWithStringKey
{
    /// <summary>Writes the seen-set now instead of at the next timer tick.</summary>
    Task FlushAsync();
}
