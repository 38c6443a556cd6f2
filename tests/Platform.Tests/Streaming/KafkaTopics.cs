namespace Platform.Tests.Streaming;

public static class KafkaTopics
{
    public const string Provider = "kafka";
    public const string Orders = "orders";
    public const string Binary = "binary";
    public const string Failing = "failing";
    public const string Bulk = "bulk";
    public const string Rewind = "rewind";
    public const string Stopping = "stopping";
}
