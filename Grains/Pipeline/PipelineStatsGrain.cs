using Grains.Interfaces.Pipeline;

namespace Grains.Pipeline;

/// <summary>Kept in memory and never collected for idleness: the counts are "since the cluster started".</summary>
[CollectionAgeLimit(AlwaysActive = true)]
internal sealed class PipelineStatsGrain : Grain, IPipelineStatsGrain
{
    private PipelineCounts _total = PipelineCounts.Zero;

    public Task AddAsync(PipelineCounts delta)
    {
        _total += delta;
        return Task.CompletedTask;
    }

    public Task<PipelineCounts> GetAsync() => Task.FromResult(_total);
}
