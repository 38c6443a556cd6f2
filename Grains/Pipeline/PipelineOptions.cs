using System.ComponentModel.DataAnnotations;

namespace Grains.Pipeline;

/// <summary>The "Pipeline" configuration section.</summary>
public sealed class PipelineOptions
{
    public const string SectionName = "Pipeline";

    /// <summary>How long an event_id counts as seen for its key.</summary>
    public TimeSpan DeduplicationWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Ids kept per key; beyond it the oldest are forgotten and the store's idempotence takes over.</summary>
    [Range(1, 10_000_000)] public int MaxSeenPerKey { get; set; } = 100_000;

    /// <summary>How often a deduplication grain writes its seen-set behind, when it changed.</summary>
    public TimeSpan SeenFlushInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Tries before an event that keeps failing goes to the dead-letter topic.</summary>
    [Range(1, 100)] public int MaxAttempts { get; set; } = 8;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a write to Kafka may wait for the broker's acknowledgement before it counts as failed
    /// (librdkafka's <c>message.timeout.ms</c>, five minutes by default there). An ingest request whose events
    /// could not all be written within it answers 503, so clients retry instead of waiting out an outage.
    /// </summary>
    public TimeSpan AcknowledgementTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether accepted events are journaled until processed (see <see cref="IPipelineJournal"/>). Unset: exactly when
    /// the pipeline's Kafka is the in-memory broker inside this process, which keeps nothing across a crash. False
    /// gives that durability up, and is only there to measure what it costs.
    /// </summary>
    public bool? Journal { get; set; }

    /// <summary>
    /// With the journal (the embedded broker): the most unprocessed bytes, estimated, any raw partition may hold before
    /// ingestion answers 503. The embedded broker keeps about 5 MiB or 100,000 batches per partition and silently
    /// drops the oldest beyond that, processed or not, so this stays well below, leaving room for what arrives
    /// before the next measurement (every half second).
    /// </summary>
    [Range(0, 4 * 1024 * 1024)] public long MaxBrokerBacklogBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>With the journal: the most unprocessed messages any raw partition may hold before ingestion answers 503.</summary>
    [Range(0, 80_000)] public long MaxBrokerBacklogMessages { get; set; } = 40_000;

    /// <summary>
    /// Whether <c>POST /api/events</c> needs a source's write key. Unset: in cluster mode (PostgreSQL) yes, in the
    /// embedded default no, so a first try on one machine needs no set-up.
    /// </summary>
    public bool? RequireWriteKey { get; set; }

    /// <summary>How long a rotated write key keeps working, so senders can move to the new one without losing events.</summary>
    public TimeSpan WriteKeyGrace { get; set; } = TimeSpan.FromHours(1);

    [Range(1, 10_000)] public int EnrichedPartitions { get; set; } = 4;

    [Range(1, 10_000)] public int DeadLetterPartitions { get; set; } = 1;
}
