using Api.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Api.Notifications;

/// <summary>
/// SignalR hub: the server calls the client method <c>notification</c> with one notification. Anonymous connections get
/// public notifications; a signed-in user also gets their own collections'. A connection starts live;
/// <c>Resume(since)</c> starts it over after the notification with that id.
/// </summary>
internal sealed partial class NotificationsHub(
    NotificationFanout fanout, NotificationFeedReader feeds, IHubContext<NotificationsHub> hub, IGrainFactory grains,
    IOptions<NotificationOptions> options, TimeProvider clock, ILogger<NotificationsHub> logger) : Hub
{
    public const string Path = "/hubs/notifications";
    public const string ClientMethod = "notification";

    private NotificationSubscriber Subscriber => (NotificationSubscriber)Context.Items[typeof(NotificationSubscriber)]!;

    public override Task OnConnectedAsync()
    {
        var subscriber = new NotificationSubscriber(Context.User?.FindUserId(), topics: null, options.Value.BufferSize, clock);
        Context.Items[typeof(NotificationSubscriber)] = subscriber;
        var connection = Context;
        subscriber.Overflowed.Register(connection.Abort);
        fanout.Add(subscriber);
        // Each connection gets its own pump, so one client's slow socket holds back only its own queue.
        _ = PumpAsync(subscriber, hub.Clients.Client(connection.ConnectionId), connection);
        return Task.CompletedTask;
    }

    /// <summary>Narrows this connection to <paramref name="topics"/> (<c>post:{id},collection:{id}</c>); empty for everything again.</summary>
    public async Task Subscribe(string? topics)
    {
        if (!NotificationTopics.TryParse(topics, out var parsed, out var error))
            throw new HubException(error);
        if (parsed is not null && await parsed.FirstRefusedCollectionAsync(grains, Context.User?.FindUserId()) is { } refused)
            throw new HubException($"Collection {refused} does not exist or is not yours.");
        Subscriber.Topics = parsed;
    }

    /// <summary>
    /// Starts this connection over after the notification with id <paramref name="since"/>: what followed it is sent again
    /// in order, including what this connection was sent before the call, then live. Call it first after (re)connecting.
    /// </summary>
    public void Resume(string since)
    {
        if (!NotificationCursor.TryParse(since, out var cursor, out var error) || cursor is null)
            throw new HubException(error ?? "Resume needs the id of the last notification received.");
        Subscriber.Resume(cursor);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items[typeof(NotificationSubscriber)] is NotificationSubscriber subscriber)
            fanout.Remove(subscriber);
        return Task.CompletedTask;
    }

    private async Task PumpAsync(NotificationSubscriber subscriber, IClientProxy client, HubCallerContext connection)
    {
        var aborted = connection.ConnectionAborted;
        try
        {
            await foreach (var delivery in subscriber.DeliverAsync(feeds, since: null, keepAlive: null, aborted))
                await client.SendAsync(ClientMethod, new RawJson(delivery.Notification!.Frame(delivery.Id)), aborted);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            // The client reconnects and resumes; a connection left open would just go quiet.
            LogPumpFailed(exception);
            connection.Abort();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopped sending notifications to a SignalR connection")]
    private partial void LogPumpFailed(Exception exception);
}
