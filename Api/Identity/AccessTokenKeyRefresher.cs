using Microsoft.Extensions.Options;

namespace Api.Identity;

/// <summary>
/// Loads the key ring once the host has started (the first request then finds it, and a first start generates the
/// service's keys there rather than inside somebody's signup), then reads it again every
/// <see cref="AuthOptions.KeyRefreshInterval"/>, so a rotation made through any node reaches this one well within
/// the announce period, before the new generation signs anywhere.
/// </summary>
internal sealed partial class AccessTokenKeyRefresher(
    AccessTokenKeySource keys, IOptions<AuthOptions> options, TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<AccessTokenKeyRefresher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.KeyRefreshInterval;
        try
        {
            // Until then the co-hosted silo, or the connection to the cluster, may not be up.
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
                await started.Task.WaitAsync(stoppingToken);

            // The first read at once; a failed one is retried by the first use and by the next.
            for (var wait = TimeSpan.Zero; ; wait = interval)
            {
                try
                {
                    await Task.Delay(wait, clock, stoppingToken);
                    await keys.RefreshAsync(ifOlderThan: interval / 2);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogRefreshFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the access-token key ring failed; the keys known so far stay in use")]
    private partial void LogRefreshFailed(Exception exception);
}
