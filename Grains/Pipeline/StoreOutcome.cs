namespace Grains.Pipeline;

public enum StoreOutcome
{
    Inserted,

    /// <summary>A row with this event_id came from another message.</summary>
    Duplicate,

    /// <summary>A row with this event_id came from this very message (same raw-topic position).</summary>
    Redelivered,
}
