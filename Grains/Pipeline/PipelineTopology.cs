using Grains.Interfaces.Pipeline;
using Grains.Streaming.Kafka;

namespace Grains.Pipeline;

/// <summary>The pipeline's topics and their partition counts, defined here once.</summary>
public static class PipelineTopology
{
    /// <summary>Raw-topic partitions unless <c>Kafka:Topics:events.raw:Partitions</c> says otherwise: the most silos that share the reading.</summary>
    public const int DefaultRawPartitions = 8;

    /// <summary>Every pipeline topic with its partition count under these settings.</summary>
    public static IReadOnlyDictionary<string, int> PartitionsByTopic(KafkaStreamOptions streams, PipelineOptions pipeline) => new Dictionary<string, int>
    {
        [PipelineTopics.Raw] = streams.Topics.TryGetValue(PipelineTopics.Raw, out var raw) ? raw.Partitions : DefaultRawPartitions,
        [PipelineTopics.Enriched] = pipeline.EnrichedPartitions,
        [PipelineTopics.DeadLetter] = pipeline.DeadLetterPartitions,
    };
}
