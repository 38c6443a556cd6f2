namespace Grains.Interfaces;

/// <summary>Names of the grain storage providers, shared by the grains that use them and the hosts that register them.</summary>
public static class StorageNames
{
    /// <summary>The platform's grain state: PostgreSQL in cluster mode, SQLite in the embedded default.</summary>
    public const string Platform = "platform";

    /// <summary>
    /// State written behind on a timer, which nobody waits for (the deduplication grains' seen-sets): the same
    /// database as <see cref="Platform"/>; in the embedded default its writes yield to the ones somebody waits for.
    /// </summary>
    public const string WriteBehind = "write-behind";

    /// <summary>Orleans' stream pub-sub looks for a storage of exactly this name.</summary>
    public const string PubSub = "PubSubStore";
}
