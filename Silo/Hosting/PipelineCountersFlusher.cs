using Grains.Interfaces.Pipeline;
using Grains.Pipeline;

namespace Silo.Hosting;

/// <summary>Hands this process's counts to the cluster's stats grain a few times a second.</summary>
public sealed partial class PipelineCountersFlusher(PipelineCounters counters, IGrainFactory grains, ILogger<PipelineCountersFlusher> logger)
    : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(250);

    /// <summary>Flushes now; the stats endpoint calls it so a node reads its own counts.</summary>
    public async Task FlushAsync()
    {
        var delta = counters.TakeDelta();
        if (delta == PipelineCounts.Zero) return;
        try
        {
            await grains.GetGrain<IPipelineStatsGrain>(0).AddAsync(delta);
        }
        catch
        {
            counters.Restore(delta);
            throw;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        while (await WaitAsync(timer, stoppingToken))
        {
            try
            {
                await FlushAsync();
            }
            catch (Exception exception)
            {
                LogFlushFailed(exception);
            }
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try { return await timer.WaitForNextTickAsync(stoppingToken); }
        catch (OperationCanceledException) { return false; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not hand pipeline counts to the stats grain; keeping them for the next try")]
    private partial void LogFlushFailed(Exception exception);
}
