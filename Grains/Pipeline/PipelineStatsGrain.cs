using Grains.Interfaces.Pipeline;

namespace Grains.Pipeline;

/// <summary>Kept in memory and never collected for idleness: the counts are "since the cluster started".</summary>
[CollectionAgeLimit(AlwaysActive = true)]
internal sealed class PipelineStatsGrain : Grain, IPipelineStatsGrain
{
    private PipelineCounts _total = PipelineCounts.Zero;
    private readonly Dictionary<string, SourceCounts> _sources = [];

    public Task AddAsync(PipelineCounts delta)
    {
        _total += delta;
        return Task.CompletedTask;
    }

    public Task<PipelineStats> GetAsync() => Task.FromResult(new PipelineStats(_total, new Dictionary<string, SourceCounts>(_sources)));

    public Task AddSourcesAsync(Dictionary<string, SourceCounts> deltas)
    {
        foreach (var (name, delta) in deltas)
            _sources[name] = _sources.GetValueOrDefault(name, SourceCounts.Zero) + delta;
        return Task.CompletedTask;
    }
}
