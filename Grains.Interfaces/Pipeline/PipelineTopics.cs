namespace Grains.Interfaces.Pipeline;

/// <summary>The pipeline's Kafka topics; each is also an Orleans stream namespace of the <see cref="StreamProvider"/>.</summary>
public static class PipelineTopics
{
    public const string StreamProvider = "kafka";

    /// <summary>Events as ingested (HTTP or any Kafka producer), key = <c>user_id</c>.</summary>
    public const string Raw = "events.raw";

    /// <summary>Events after deduplication and enrichment.</summary>
    public const string Enriched = "events.enriched";

    /// <summary>Events that could not be processed, with the reason and the original payload.</summary>
    public const string DeadLetter = "events.dlq";

    /// <summary>Header naming where a raw message came from; absent for outside producers.</summary>
    public const string SourceHeader = "platform-source";
    public const string SourceHttp = "http";
    public const string SourceReplay = "dlq-replay";

    /// <summary>Headers naming the event source whose write key sent an HTTP message, so outside consumers can tell.</summary>
    public const string SourceIdHeader = "platform-source-id";
    public const string SourceNameHeader = "platform-source-name";

    /// <summary>Written back from the ingest journal at start, after a crash took the in-memory broker with it.</summary>
    public const string SourceRecovery = "recovery";

    /// <summary>The consumer group whose committed offsets mark what the dead-letter replay has sent back.</summary>
    public const string DeadLetterReplayGroup = "platform-dlq-replay";
}
