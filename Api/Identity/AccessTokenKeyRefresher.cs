using Microsoft.Extensions.Options;

namespace Api.Identity;

/// <summary>
/// Reads the key ring again every <see cref="AuthOptions.KeyRefreshInterval"/>, so a rotation made through any node
/// reaches this one well within the announce period, before the new generation signs anywhere.
/// </summary>
internal sealed partial class AccessTokenKeyRefresher(AccessTokenKeySource keys, IOptions<AuthOptions> options, TimeProvider clock, ILogger<AccessTokenKeyRefresher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.KeyRefreshInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, clock, stoppingToken);
                await keys.RefreshAsync(ifOlderThan: interval / 2);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogRefreshFailed(e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the access-token key ring failed; the keys known so far stay in use")]
    private partial void LogRefreshFailed(Exception exception);
}
