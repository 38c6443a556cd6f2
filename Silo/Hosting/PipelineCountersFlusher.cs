using Grains.Interfaces.Pipeline;
using Grains.Pipeline;

namespace Silo.Hosting;

/// <summary>
/// Hands this process's counts to the cluster's stats grain a quarter of a second after something was counted, so
/// that several counts go in one call, and never while nothing is.
/// </summary>
public sealed partial class PipelineCountersFlusher(PipelineCounters counters, IGrainFactory grains, ILogger<PipelineCountersFlusher> logger)
    : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(250);

    // One hand-over at a time: a caller must not return while the timer's hand-over of a delta it took is still
    // on its way, or the stats endpoint would read counts this node had already counted as missing.
    private readonly SemaphoreSlim _handingOver = new(1, 1);

    /// <summary>Flushes now; the stats endpoint calls it so a node reads its own counts.</summary>
    public async Task FlushAsync()
    {
        await _handingOver.WaitAsync();
        try
        {
            var stats = grains.GetGrain<IPipelineStatsGrain>(0);
            var delta = counters.TakeDelta();
            if (delta != PipelineCounts.Zero)
            {
                try
                {
                    await stats.AddAsync(delta);
                }
                catch
                {
                    counters.Restore(delta);
                    throw;
                }
            }
            var sources = counters.TakeSourceDeltas();
            if (sources.Count == 0) return;
            try
            {
                await stats.AddSourcesAsync(sources);
            }
            catch
            {
                counters.RestoreSources(sources);
                throw;
            }
        }
        finally
        {
            _handingOver.Release();
        }
    }

    /// <summary>The cluster's counts, this node's own flushed first, so a reader sees what it just did.</summary>
    public async Task<PipelineStats> ReadClusterStatsAsync()
    {
        await FlushAsync();
        return await grains.GetGrain<IPipelineStatsGrain>(0).GetAsync();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A hand-over a period after the first count, not on a timer: a node that counts nothing wakes for nothing.
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await counters.WhenCountedAsync(stoppingToken);
                await Task.Delay(Period, stoppingToken);
                await FlushAsync();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // What could not be handed over is counted again: the next wait ends at once, and a period later it is retried.
                LogFlushFailed(exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not hand pipeline counts to the stats grain; keeping them for the next try")]
    private partial void LogFlushFailed(Exception exception);
}
