namespace Grains.Interfaces.Pipeline;

/// <summary>
/// One per <c>user_id</c>, an implicit subscriber of the raw topic: drops an <c>event_id</c> seen for the
/// same key within the window, dead-letters what cannot be processed, and hands the rest to enrichment.
/// Nothing calls it: the stream activates it.
/// </summary>
public interface IDeduplicationGrain : IGrainWithStringKey;
