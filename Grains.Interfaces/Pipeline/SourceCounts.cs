namespace Grains.Interfaces.Pipeline;

/// <summary>One event source's ingestion counters since the cluster started: <c>received = accepted + rejected</c>.</summary>
/// <param name="RateLimited">Requests refused with 429 for the source's rate limit (their events are not received).</param>
[GenerateSerializer, Immutable, Alias("SourceCounts")]
public sealed record SourceCounts(
    [property: Id(0)] long Received = default,
    [property: Id(1)] long Accepted = default,
    [property: Id(2)] long Rejected = default,
    [property: Id(3)] long RateLimited = default)
{
    public static readonly SourceCounts Zero = new();

    public static SourceCounts operator +(SourceCounts a, SourceCounts b) => new(
        a.Received + b.Received, a.Accepted + b.Accepted, a.Rejected + b.Rejected, a.RateLimited + b.RateLimited);
}
