using Confluent.Kafka;
using Grains.Interfaces.Pipeline;
using Grains.Pipeline;
using Grains.Streaming.Kafka;
using Microsoft.Extensions.Options;

namespace Api.PipelineConsole;

/// <summary>One raw-topic partition: its log end, the offset the pipeline's group committed, and the difference.</summary>
public sealed record PartitionLag(int Partition, long End, long Committed, long Lag);

/// <summary>
/// The pipeline's consumer lag per partition, cluster-wide: read from Kafka (the group's committed offsets against each
/// log's end), so it holds whichever silo reads a partition. One client, made when a console first asks.
/// </summary>
public sealed class PipelineLag(PipelineKafka kafka, IOptionsMonitor<KafkaStreamOptions> streams) : IDisposable
{
    private static readonly TimeSpan KafkaTimeout = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private IConsumer<string?, byte[]>? _consumer;
    private List<TopicPartition>? _partitions;

    public async Task<IReadOnlyList<PartitionLag>> ReadAsync()
    {
        await kafka.EnsureStartedAsync();
        return await Task.Run(Read);
    }

    private List<PartitionLag> Read()
    {
        lock (_gate)
        {
            _consumer ??= new ConsumerBuilder<string?, byte[]>(kafka.Configs.GroupConsumer(streams.Get(PipelineTopics.StreamProvider).ConsumerGroup)).Build();
            _partitions ??= PipelineKafka.PartitionsOf(_consumer, PipelineTopics.Raw, KafkaTimeout);
            return
            [
                .. PipelineKafka.GroupPositions(_consumer, _partitions, KafkaTimeout)
                    .Select(p => new PartitionLag(p.Partition.Partition.Value, p.End, p.Committed, Math.Max(0, p.End - p.Committed))),
            ];
        }
    }

    public void Dispose()
    {
        lock (_gate) _consumer?.Dispose();
    }
}
