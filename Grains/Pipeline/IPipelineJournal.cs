namespace Grains.Pipeline;

/// <summary>
/// A durable copy of the pipeline's own writes to a Kafka log that does not outlive the process (the embedded,
/// in-memory broker). <see cref="PipelineKafka"/> appends a message here before producing it, so what the
/// platform acknowledged survives a crash; the journal writes it back at the next start and forgets it once
/// the log's consumers have processed it. Registered only where the log needs it.
/// </summary>
public interface IPipelineJournal
{
    /// <summary>Whether writes to <paramref name="topic"/> are journaled (the raw and dead-letter topics).</summary>
    bool Covers(string topic);

    /// <summary>
    /// Completes once the messages are durable in the journal, with the place of the first; the others follow it
    /// in order. One append per batch: a request's events share one entry in the group commit.
    /// </summary>
    Task<long> AppendAsync(string topic, IReadOnlyList<KafkaMessage> messages);

    /// <summary>The batch appended at <paramref name="first"/> has been produced to Kafka, each message acknowledged or reported failed.</summary>
    void Settled(long first);

    /// <summary>Whether new events may be accepted now; otherwise why not, and when to ask again.</summary>
    JournalAdmission Admission { get; }
}

/// <summary>A message to write to a topic: its key (the event's user_id) and its value.</summary>
public readonly record struct KafkaMessage(string? Key, byte[] Value);

/// <summary>Whether the journal takes new events: not while it is still writing back what a crash left, nor while the log is too far behind to hold more.</summary>
public sealed record JournalAdmission(bool IsOpen, string? Reason = null, TimeSpan RetryAfter = default)
{
    public static readonly JournalAdmission Open = new(true);
}
