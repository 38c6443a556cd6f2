using Confluent.Kafka;
using Grains.Interfaces.Pipeline;
using Grains.Streaming.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grains.Pipeline;

/// <summary>
/// The pipeline's plain Kafka producer, on the stream provider's cluster and settings: the Api writes raw
/// events with it, grains write enriched events and dead letters. Topics are ensured before the first write.
/// </summary>
public sealed class PipelineKafka : IDisposable
{
    private readonly KafkaStreamOptions _streams;
    private readonly PipelineOptions _pipeline;
    private readonly ILogger<PipelineKafka> _logger;
    private readonly Lazy<Task<IProducer<string?, byte[]>>> _producer;

    public PipelineKafka(IOptionsMonitor<KafkaStreamOptions> streams, IOptions<PipelineOptions> pipeline, ILogger<PipelineKafka> logger)
    {
        _streams = streams.Get(PipelineTopics.StreamProvider);
        _pipeline = pipeline.Value;
        _logger = logger;
        Configs = KafkaClientConfigs.Resolve(_streams, "pipeline", logger);
        _producer = new(StartAsync);
    }

    public KafkaClientConfigs Configs { get; }

    /// <summary>Ensures the topics exist and the producer is ready; the first write does it otherwise.</summary>
    public Task EnsureStartedAsync() => _producer.Value;

    /// <summary>Completes when Kafka acknowledged the message (acks=all): then it is durable.</summary>
    public async Task ProduceAsync(string topic, string? key, byte[] value, Headers? headers = null, CancellationToken cancellationToken = default)
    {
        var producer = await _producer.Value;
        await producer.ProduceAsync(topic, new Message<string?, byte[]> { Key = key, Value = value, Headers = headers }, cancellationToken);
    }

    public void Dispose()
    {
        if (!_producer.IsValueCreated || !_producer.Value.IsCompletedSuccessfully) return;
        var producer = _producer.Value.Result;
        producer.Flush(TimeSpan.FromSeconds(5));
        producer.Dispose();
    }

    private async Task<IProducer<string?, byte[]>> StartAsync()
    {
        await Configs.EnsureTopicsAsync(new Dictionary<string, int>
        {
            [PipelineTopics.Raw] = _streams.Topics.TryGetValue(PipelineTopics.Raw, out var raw) ? raw.Partitions : 1,
            [PipelineTopics.Enriched] = _pipeline.EnrichedPartitions,
            [PipelineTopics.DeadLetter] = _pipeline.DeadLetterPartitions,
        }, _logger);
        return new ProducerBuilder<string?, byte[]>(Configs.Producer()).Build();
    }
}
