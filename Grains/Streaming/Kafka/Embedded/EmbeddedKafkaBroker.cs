using System.Collections.Concurrent;
using System.Net;
using Confluent.Kafka;
using ErrorCode = Confluent.Kafka.ErrorCode;

namespace Grains.Streaming.Kafka.Embedded;

/// <summary>
/// An in-process Kafka-protocol broker on loopback (librdkafka's mock cluster): data lives in memory only,
/// about 5 MiB per partition, and the oldest messages are dropped silently beyond that.
/// </summary>
public sealed class EmbeddedKafkaBroker : IAsyncDisposable
{
    private const int BrokerId = 1;
    private static readonly ConcurrentDictionary<string, EmbeddedKafkaBroker> Running = new(StringComparer.Ordinal);
    private static readonly Lazy<EmbeddedKafkaBroker> Shared = new(() => Start(new EmbeddedKafkaBrokerOptions()));

    private readonly IntPtr _host;
    private readonly IntPtr _cluster;
    private readonly TcpForwarder? _forwarder;
    private readonly Lock _lock = new();
    private bool _disposed;

    private EmbeddedKafkaBroker(IntPtr host, IntPtr cluster, TcpForwarder? forwarder, string bootstrapServers)
    {
        _host = host;
        _cluster = cluster;
        _forwarder = forwarder;
        BootstrapServers = bootstrapServers;
    }

    /// <summary>The <c>host:port</c> to give Kafka clients as <c>bootstrap.servers</c>.</summary>
    public string BootstrapServers { get; }

    /// <summary>The process-wide broker used when no bootstrap servers are configured.</summary>
    public static EmbeddedKafkaBroker Default => Shared.Value;

    /// <summary>Starts a broker; dispose it to stop it.</summary>
    public static EmbeddedKafkaBroker Start(EmbeddedKafkaBrokerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var host = LibrdkafkaMock.CreateClusterHost();
        var cluster = LibrdkafkaMock.CreateCluster(host, brokers: 1);
        // Without these the mock waits for a controller election and delays every first group join.
        LibrdkafkaMock.SetControllerId(cluster, BrokerId);
        LibrdkafkaMock.SetInitialRebalanceDelay(cluster, 0);

        var bootstrap = LibrdkafkaMock.Bootstraps(cluster);
        TcpForwarder? forwarder = null;
        try
        {
            if (options.Port is { } port)
            {
                forwarder = new TcpForwarder(port, IPEndPoint.Parse(bootstrap));
                LibrdkafkaMock.Advertise(cluster, BrokerId, "127.0.0.1", port);
                bootstrap = $"127.0.0.1:{port}";
            }

            foreach (var (topic, partitions) in options.Topics)
            {
                CreateTopic(cluster, topic, partitions);
            }
        }
        catch
        {
            forwarder?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            LibrdkafkaMock.Destroy(cluster, host);
            throw;
        }

        var broker = new EmbeddedKafkaBroker(host, cluster, forwarder, bootstrap);
        Running[bootstrap] = broker;
        return broker;
    }

    /// <summary>Finds a broker of this process by the bootstrap string it handed out.</summary>
    public static bool TryFind(string bootstrapServers, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out EmbeddedKafkaBroker? broker) =>
        Running.TryGetValue(bootstrapServers, out broker);

    /// <summary>Creates a topic; returns false when it already exists.</summary>
    /// <remarks>The mock cluster does not implement the CreateTopics request, so this is the only way to set a partition count.</remarks>
    public bool CreateTopic(string topic, int partitions)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return CreateTopic(_cluster, topic, partitions);
        }
    }

    /// <summary>
    /// Takes the broker down (it drops its connections and refuses new ones, keeping its data) or brings it back,
    /// as a Kafka broker that is stopped and restarted does: for testing what clients see during an outage.
    /// </summary>
    public void SetAvailable(bool available)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (LibrdkafkaMock.SetBrokerUp(_cluster, BrokerId, available) is not ErrorCode.NoError and var error)
                throw new KafkaException(error);
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            Running.TryRemove(BootstrapServers, out _);
        }

        if (_forwarder is not null)
        {
            await _forwarder.DisposeAsync();
        }

        LibrdkafkaMock.Destroy(_cluster, _host);
    }

    private static bool CreateTopic(IntPtr cluster, string topic, int partitions) =>
        LibrdkafkaMock.CreateTopic(cluster, topic, partitions) switch
        {
            ErrorCode.NoError => true,
            ErrorCode.TopicAlreadyExists => false,
            var error => throw new KafkaException(error),
        };
}
