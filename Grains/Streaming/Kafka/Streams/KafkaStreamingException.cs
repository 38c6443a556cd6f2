namespace Grains.Streaming.Kafka.Streams;

/// <summary>A Kafka stream provider failure: misconfiguration, or a message that cannot be read.</summary>
[GenerateSerializer]
public sealed class KafkaStreamingException : Exception
{
    public KafkaStreamingException()
    {
    }

    public KafkaStreamingException(string message)
        : base(message)
    {
    }

    public KafkaStreamingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
