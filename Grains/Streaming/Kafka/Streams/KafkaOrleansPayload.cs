namespace Grains.Streaming.Kafka.Streams;

/// <summary>The value of a message in <see cref="KafkaPayloadFormat.Orleans"/> format: a whole Orleans batch.</summary>
[GenerateSerializer]
internal sealed class KafkaOrleansPayload
{
    [Id(0)]
    public List<object> Events { get; init; } = [];

    [Id(1)]
    public Dictionary<string, object>? RequestContext { get; init; }
}
