using Grains.Interfaces.Notifications;
using Microsoft.Extensions.Options;

namespace Grains.Notifications;

internal sealed class NotificationRegistryGrain(
    [PersistentState("notification-registry", StorageNames.Platform)] IPersistentState<NotificationRegistryState> state,
    IOptions<NotificationSiloOptions> options,
    TimeProvider clock)
    : Grain, INotificationRegistryGrain
{
    private readonly TimeSpan _lease = options.Value.SubscriptionLease;

    // Lease ends live in memory only: renewals are frequent, and writing each one would cost a storage round trip.
    private readonly Dictionary<INotificationObserver, DateTimeOffset> _leaseEnds = [];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var graceEnd = clock.GetUtcNow() + _lease;
        foreach (var observer in state.State.Observers)
            _leaseEnds[observer] = graceEnd;
        return Task.CompletedTask;
    }

    public async Task<TimeSpan> SubscribeAsync(INotificationObserver observer)
    {
        _leaseEnds[observer] = clock.GetUtcNow() + _lease;
        if (state.State.Observers.Add(observer))
            await state.WriteStateAsync();
        return _lease;
    }

    public async Task UnsubscribeAsync(INotificationObserver observer)
    {
        _leaseEnds.Remove(observer);
        if (state.State.Observers.Remove(observer))
            await state.WriteStateAsync();
    }

    public async Task<IReadOnlyList<INotificationObserver>> GetObserversAsync()
    {
        var now = clock.GetUtcNow();
        var expired = _leaseEnds.Where(l => l.Value < now).Select(l => l.Key).ToList();
        if (expired.Count > 0)
        {
            foreach (var observer in expired)
            {
                _leaseEnds.Remove(observer);
                state.State.Observers.Remove(observer);
            }
            await state.WriteStateAsync();
        }
        return [.. _leaseEnds.Keys];
    }
}
