namespace Grains.Streaming.Kafka;

/// <summary>How events sent through Orleans are written to a topic.</summary>
public enum KafkaPayloadFormat
{
    /// <summary>
    /// One message per event, the event as UTF-8 JSON (System.Text.Json web defaults): any Kafka client can read
    /// and write it. A subscriber receives each message deserialized as its own item type <c>T</c>;
    /// subscribing with <c>object</c> yields a <see cref="System.Text.Json.JsonElement"/>.
    /// </summary>
    Json,

    /// <summary>One message per batch in the Orleans binary format, marked by a header; for Orleans-only topics.</summary>
    Orleans,
}
