using Confluent.Kafka;
using Grains.Pipeline;
using Grains.Streaming.Kafka.Streams;

namespace Silo.Health;

/// <summary>One admin client, kept for the process, that asks the pipeline's Kafka cluster for its brokers.</summary>
public sealed class KafkaProbe(PipelineKafka kafka) : IDisposable
{
    private readonly Lazy<IAdminClient> _admin = new(() => new AdminClientBuilder(kafka.Configs.Admin()).Build());
    private readonly KafkaClientUse _use = new(typeof(KafkaProbe));

    public string BootstrapServers => kafka.Configs.BootstrapServers;

    /// <summary>The number of brokers that answered; throws when none did within <paramref name="timeout"/>.</summary>
    public Task<int> CountBrokersAsync(TimeSpan timeout) =>
        Task.Run(() => _use.Call(() => _admin.Value.GetMetadata(timeout).Brokers.Count));

    public void Dispose() => _use.Close(() =>
    {
        if (_admin.IsValueCreated) _admin.Value.Dispose();
    });
}
