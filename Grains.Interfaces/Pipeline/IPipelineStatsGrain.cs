namespace Grains.Interfaces.Pipeline;

/// <summary>
/// The cluster's pipeline counters (key 0), in memory: they count since the cluster started. Processes
/// add their local counts in batches, so the hot path never waits on this grain.
/// </summary>
public interface IPipelineStatsGrain : IGrainWithIntegerKey
{
    Task AddAsync(PipelineCounts delta);

    /// <summary>The counters, and those of each event source.</summary>
    [Idempotent]
    Task<PipelineStats> GetAsync();

    /// <summary>Adds counts of event sources, by name.</summary>
    Task AddSourcesAsync(Dictionary<string, SourceCounts> deltas);
}
