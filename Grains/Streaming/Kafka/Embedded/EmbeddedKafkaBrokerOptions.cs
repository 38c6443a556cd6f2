namespace Grains.Streaming.Kafka.Embedded;

/// <summary>Settings for <see cref="EmbeddedKafkaBroker.Start"/>.</summary>
public sealed class EmbeddedKafkaBrokerOptions
{
    /// <summary>
    /// A fixed loopback port to listen on so other processes (kcat, another app) can share the broker;
    /// null picks a free port.
    /// </summary>
    public int? Port { get; set; }

    /// <summary>Topics to create with their partition count; others are auto-created with 4 partitions on first use.</summary>
    public IDictionary<string, int> Topics { get; set; } = new Dictionary<string, int>(StringComparer.Ordinal);
}
