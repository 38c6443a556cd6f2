namespace Grains.Interfaces.Pipeline;

/// <summary>
/// The pipeline's counters since the cluster started. Once drained they add up:
/// <c>received = accepted + rejected</c> and <c>accepted + replayed + recovered = stored + duplicates + dead_lettered</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("PipelineCounts")]
public sealed record PipelineCounts
{
    public static readonly PipelineCounts Zero = new();

    [Id(0)] public long Received { get; init; }
    [Id(1)] public long Accepted { get; init; }
    [Id(2)] public long Rejected { get; init; }
    [Id(3)] public long Duplicates { get; init; }
    [Id(4)] public long Enriched { get; init; }
    [Id(5)] public long Stored { get; init; }
    [Id(6)] public long DeadLettered { get; init; }
    [Id(7)] public long Replayed { get; init; }

    /// <summary>Events written back from the ingest journal at start (see <c>PipelineJournal</c>); those already processed come out as duplicates.</summary>
    [Id(8)] public long Recovered { get; init; }

    /// <summary>Accepted, replayed or recovered events the pipeline has not yet stored, counted as duplicates or dead-lettered.</summary>
    public long Pending => Accepted + Replayed + Recovered - Stored - Duplicates - DeadLettered;

    public static PipelineCounts operator +(PipelineCounts a, PipelineCounts b) => new()
    {
        Received = a.Received + b.Received,
        Accepted = a.Accepted + b.Accepted,
        Rejected = a.Rejected + b.Rejected,
        Duplicates = a.Duplicates + b.Duplicates,
        Enriched = a.Enriched + b.Enriched,
        Stored = a.Stored + b.Stored,
        DeadLettered = a.DeadLettered + b.DeadLettered,
        Replayed = a.Replayed + b.Replayed,
        Recovered = a.Recovered + b.Recovered,
    };
}
