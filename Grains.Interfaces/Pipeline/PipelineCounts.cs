namespace Grains.Interfaces.Pipeline;

/// <summary>
/// The pipeline's counters since the cluster started. Once drained they add up:
/// <c>received = accepted + rejected</c> and <c>accepted + replayed + recovered = stored + duplicates + dead_lettered</c>.
/// </summary>
/// <param name="Recovered">Events written back from the ingest journal at start (see <c>PipelineJournal</c>); those already processed come out as duplicates.</param>
[GenerateSerializer, Immutable, Alias("PipelineCounts")]
public record PipelineCounts(
    [property: Id(0)] long Received = default,
    [property: Id(1)] long Accepted = default,
    [property: Id(2)] long Rejected = default,
    [property: Id(3)] long Duplicates = default,
    [property: Id(4)] long Enriched = default,
    [property: Id(5)] long Stored = default,
    [property: Id(6)] long DeadLettered = default,
    [property: Id(7)] long Replayed = default,
    [property: Id(8)] long Recovered = default)
{
    public static readonly PipelineCounts Zero = new();

    /// <summary>Accepted, replayed or recovered events the pipeline has not yet stored, counted as duplicates or dead-lettered.</summary>
    public long Pending => Accepted + Replayed + Recovered - Stored - Duplicates - DeadLettered;

    public static PipelineCounts operator +(PipelineCounts a, PipelineCounts b) => new(
        Received: a.Received + b.Received,
        Accepted: a.Accepted + b.Accepted,
        Rejected: a.Rejected + b.Rejected,
        Duplicates: a.Duplicates + b.Duplicates,
        Enriched: a.Enriched + b.Enriched,
        Stored: a.Stored + b.Stored,
        DeadLettered: a.DeadLettered + b.DeadLettered,
        Replayed: a.Replayed + b.Replayed,
        Recovered: a.Recovered + b.Recovered);
}

/// <summary>What the stats grain answers: the cluster's counts and, apart from them, the counts of each event source by name.</summary>
[GenerateSerializer, Immutable, Alias("PipelineStats")]
public sealed record PipelineStats : PipelineCounts
{
    public PipelineStats(PipelineCounts counts, IReadOnlyDictionary<string, SourceCounts> sources) : base(counts) => Sources = sources;

    [Id(0)]
    public IReadOnlyDictionary<string, SourceCounts> Sources { get; init; }
}
