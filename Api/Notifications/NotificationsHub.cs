using Api.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Api.Notifications;

/// <summary>
/// SignalR hub: the server calls the client method <c>notification</c> with one notification.
/// Anonymous connections get public notifications; a signed-in user also gets their own collections'.
/// </summary>
internal sealed partial class NotificationsHub(
    NotificationFanout fanout, IHubContext<NotificationsHub> hub, IGrainFactory grains, IOptions<NotificationOptions> options, ILogger<NotificationsHub> logger) : Hub
{
    public const string Path = "/hubs/notifications";
    public const string ClientMethod = "notification";

    public override Task OnConnectedAsync()
    {
        var subscriber = new NotificationSubscriber(Context.User?.FindUserId()?.ToString(), options.Value.BufferSize);
        Context.Items[typeof(NotificationSubscriber)] = subscriber;
        var connection = Context;
        subscriber.Overflowed.Register(connection.Abort);
        fanout.Add(subscriber);
        // Each connection gets its own pump, so one client's slow socket holds back only its own queue.
        _ = PumpAsync(subscriber, hub.Clients.Client(connection.ConnectionId), connection.ConnectionAborted);
        return Task.CompletedTask;
    }

    /// <summary>Narrows this connection to <paramref name="topics"/> (<c>post:{id},collection:{id}</c>); empty for everything again.</summary>
    public async Task Subscribe(string? topics)
    {
        if (!NotificationTopics.TryParse(topics, out var parsed, out var error))
            throw new HubException(error);
        if (parsed is not null && await parsed.FirstRefusedCollectionAsync(grains, Context.User?.FindUserId()) is { } refused)
            throw new HubException($"Collection {refused} does not exist or is not yours.");
        ((NotificationSubscriber)Context.Items[typeof(NotificationSubscriber)]!).Topics = parsed;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items[typeof(NotificationSubscriber)] is NotificationSubscriber subscriber)
            fanout.Remove(subscriber);
        return Task.CompletedTask;
    }

    private async Task PumpAsync(NotificationSubscriber subscriber, IClientProxy client, CancellationToken aborted)
    {
        try
        {
            await foreach (var notification in subscriber.ReadAllAsync(aborted))
                await client.SendAsync(ClientMethod, notification.Notification, aborted);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            LogPumpFailed(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopped sending notifications to a SignalR connection")]
    private partial void LogPumpFailed(Exception exception);
}
