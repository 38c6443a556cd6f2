namespace Platform.Tests.Streaming;

[GenerateSerializer, Alias("KafkaTestEvent")]
public sealed record TestEvent
{
    [Id(0)]
    public string Key { get; init; } = "";

    [Id(1)]
    public int Sequence { get; init; }
}
