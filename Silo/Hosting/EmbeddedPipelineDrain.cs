using Grains.Interfaces.Pipeline;

namespace Silo.Hosting;

/// <summary>
/// With the in-memory embedded broker, whatever is still in Kafka when the process stops is gone. So on a
/// graceful stop (after the web server stopped taking requests, before the silo stops) this waits, for a
/// bounded time, until every accepted event has been stored, counted as a duplicate or dead-lettered.
/// </summary>
internal sealed partial class EmbeddedPipelineDrain(
    PipelineCountersFlusher flusher, IGrainFactory grains, ILogger<EmbeddedPipelineDrain> logger) : IHostedLifecycleService
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Stopping runs before any service's StopAsync, and Orleans begins its own shutdown there too; being registered later, this goes first.</summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Limit);
        PipelineCounts counts = PipelineCounts.Zero;
        try
        {
            while (true)
            {
                await flusher.FlushAsync();
                counts = await grains.GetGrain<IPipelineStatsGrain>(0).GetAsync().WaitAsync(limit.Token);
                if (counts.Pending <= 0) return;
                await Task.Delay(TimeSpan.FromMilliseconds(50), limit.Token);
            }
        }
        catch (OperationCanceledException)
        {
            LogNotDrained(counts.Pending, Limit);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Pending} accepted event(s) were still unprocessed after {Limit}; the embedded Kafka broker is in memory, so they are lost")]
    private partial void LogNotDrained(long pending, TimeSpan limit);
}
