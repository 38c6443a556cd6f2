using Grains.Interfaces.Notifications;

namespace Api.Notifications;

/// <summary>
/// Subscribes this Api node to the cluster's notifications and renews the subscription well within its
/// lease, so a node that joins starts receiving and a node that dies is forgotten.
/// </summary>
internal sealed partial class NotificationRelay(IGrainFactory grains, NotificationFanout fanout, ILogger<NotificationRelay> logger)
    : BackgroundService, INotificationObserver
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(1);

    private INotificationObserver? _reference;

    public Task OnNotificationsAsync(Notification[] notifications)
    {
        fanout.Deliver(notifications);
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _reference = grains.CreateObjectReference<INotificationObserver>(this);
        var registry = grains.GetGrain<INotificationRegistryGrain>(0);
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                // Three renewals per lease: one lost renewal never costs the subscription.
                wait = await registry.SubscribeAsync(_reference) / 3;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogSubscribeFailed(exception);
                wait = RetryEvery;
            }
            try { await Task.Delay(wait, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_reference is null) return;
        try
        {
            await grains.GetGrain<INotificationRegistryGrain>(0).UnsubscribeAsync(_reference).WaitAsync(cancellationToken);
        }
        catch (Exception exception)
        {
            // The lease runs out on its own; unsubscribing only makes it immediate.
            LogUnsubscribeFailed(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe this node to notifications; retrying")]
    private partial void LogSubscribeFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not unsubscribe this node from notifications")]
    private partial void LogUnsubscribeFailed(Exception exception);
}
