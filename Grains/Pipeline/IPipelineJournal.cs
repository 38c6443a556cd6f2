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

    /// <summary>Completes once the message is durable in the journal, with its place there.</summary>
    Task<long> AppendAsync(string topic, string? key, byte[] value);

    /// <summary>The journaled message has been produced to Kafka, or its write failed and was reported as such.</summary>
    void Settled(long sequence);

    /// <summary>Whether new events may be accepted now; otherwise why not, and when to ask again.</summary>
    JournalAdmission Admission { get; }
}

/// <summary>Whether the journal takes new events: not while it is still writing back what a crash left, nor while the log is too far behind to hold more.</summary>
public sealed record JournalAdmission(bool IsOpen, string? Reason = null, TimeSpan RetryAfter = default)
{
    public static readonly JournalAdmission Open = new(true);
}
