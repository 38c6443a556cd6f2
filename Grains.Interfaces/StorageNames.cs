namespace Grains.Interfaces;

/// <summary>Names of the grain storage providers, shared by the grains that use them and the hosts that register them.</summary>
public static class StorageNames
{
    /// <summary>The platform's grain state: PostgreSQL in cluster mode, SQLite in the embedded default.</summary>
    public const string Platform = "platform";

    /// <summary>Orleans' stream pub-sub looks for a storage of exactly this name.</summary>
    public const string PubSub = "PubSubStore";
}
