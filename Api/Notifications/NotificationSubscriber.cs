using System.Threading.Channels;

namespace Api.Notifications;

/// <summary>
/// One connection's bounded queue. Delivery into it never waits, so a client that does not read delays
/// nobody; when its queue is full the connection is closed (<see cref="Overflowed"/>) rather than
/// silently losing notifications, and the client knows to reconnect.
/// </summary>
internal sealed class NotificationSubscriber(string? userId, int bufferSize)
{
    private readonly Channel<OutgoingNotification> _queue = Channel.CreateBounded<OutgoingNotification>(
        new BoundedChannelOptions(bufferSize) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly CancellationTokenSource _overflow = new();

    public string? UserId { get; } = userId;

    /// <summary>What the subscriber narrowed its notifications to; null for everything it may see.</summary>
    public NotificationTopics? Topics { get; set; }

    /// <summary>Cancelled when the queue overflowed: the connection must close.</summary>
    public CancellationToken Overflowed => _overflow.Token;

    public void Offer(OutgoingNotification notification)
    {
        if (!notification.Notification.IsVisibleTo(UserId) || Topics?.Matches(notification.Notification) == false
            || _queue.Writer.TryWrite(notification))
        {
            return;
        }

        _queue.Writer.TryComplete();
        _overflow.Cancel();
    }

    public IAsyncEnumerable<OutgoingNotification> ReadAllAsync(CancellationToken cancellationToken) =>
        _queue.Reader.ReadAllAsync(cancellationToken);

    /// <summary>The queue itself, for a sender that also wakes on a timer; it completes on overflow.</summary>
    public ChannelReader<OutgoingNotification> Reader => _queue.Reader;

    public void Complete() => _queue.Writer.TryComplete();
}
