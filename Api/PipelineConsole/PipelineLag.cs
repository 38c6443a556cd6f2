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
/// log's end), so it holds whichever silo reads a partition. Asked over the pipeline producer's connections.
/// </summary>
public sealed class PipelineLag(PipelineKafka kafka, IOptionsMonitor<KafkaStreamOptions> streams)
{
    private static readonly TimeSpan KafkaTimeout = TimeSpan.FromSeconds(5);

    private List<TopicPartition>? _partitions;

    public async Task<IReadOnlyList<PartitionLag>> ReadAsync()
    {
        _partitions ??= await kafka.PartitionsAsync(PipelineTopics.Raw, KafkaTimeout);
        var positions = await kafka.GroupPositionsAsync(streams.Get(PipelineTopics.StreamProvider).ConsumerGroup, _partitions, KafkaTimeout);
        return [.. positions.Select(p => new PartitionLag(p.Partition.Partition.Value, p.End, p.Committed, Math.Max(0, p.End - p.Committed)))];
    }
}
