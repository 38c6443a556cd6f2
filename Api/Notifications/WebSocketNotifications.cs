using System.Net.WebSockets;
using Api.Identity;
using Microsoft.Extensions.Options;

namespace Api.Notifications;

/// <summary>
/// The original platform's plain WebSocket endpoint: each text frame is one notification as JSON. <c>?since={id}</c>
/// resumes after the notification with that id. The server only sends; it reads to notice the client's close and
/// answers it cleanly.
/// </summary>
internal static class WebSocketNotifications
{
    public const string Path = "/ws/notifications";
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);

    public static async Task HandleAsync(
        HttpContext context, NotificationFanout fanout, NotificationFeedReader feeds, IGrainFactory grains, IOptions<NotificationOptions> options, TimeProvider clock)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Results.Problem(statusCode: StatusCodes.Status400BadRequest,
                detail: $"{Path}/ accepts WebSocket connections only.").ExecuteAsync(context);
            return;
        }
        if (!NotificationTopics.TryParse(context.Request.Query["topics"], out var topics, out var error)
            || !NotificationCursor.TryParse(context.Request.Query["since"], out var since, out error))
        {
            await Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: error).ExecuteAsync(context);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var userId = context.User.FindUserId();
        // Refused after the handshake, as the contract has it: browsers show a close reason, not a failed upgrade's status.
        if (topics is not null && await topics.FirstRefusedCollectionAsync(grains, userId) is { } refused)
        {
            await CloseAsync(socket, WebSocketCloseStatus.PolicyViolation, $"collection {refused} is not yours to follow");
            return;
        }
        var subscriber = new NotificationSubscriber(userId, topics, options.Value.BufferSize, clock);
        fanout.Add(subscriber);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, subscriber.Overflowed);
        var unavailable = false;
        try
        {
            var clientClosed = WaitForCloseAsync(socket, stop);
            await SendAllAsync(socket, subscriber.DeliverAsync(feeds, since, keepAlive: null, stop.Token), stop.Token);
            await clientClosed;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (WebSocketException)
        {
            // The client went away without a close handshake; there is nobody left to tell.
        }
        catch (Exception) when (!stop.IsCancellationRequested)
        {
            // Its feed could not be read (a silo is failing over): the client resumes from its last id.
            unavailable = true;
        }
        finally
        {
            fanout.Remove(subscriber);
        }

        var (status, reason) = subscriber.Overflowed.IsCancellationRequested
            ? (WebSocketCloseStatus.PolicyViolation, "notification buffer overflow: resume from your last id")
            : unavailable ? (WebSocketCloseStatus.InternalServerError, "notifications unavailable: resume from your last id")
            : (WebSocketCloseStatus.NormalClosure, "bye");
        await CloseAsync(socket, status, reason);
    }

    private static async Task SendAllAsync(WebSocket socket, IAsyncEnumerable<NotificationDelivery> deliveries, CancellationToken ct)
    {
        await foreach (var delivery in deliveries)
            await socket.SendAsync(delivery.Notification!.Frame(delivery.Id), WebSocketMessageType.Text, endOfMessage: true, ct);
    }

    /// <summary>Reads (and ignores) until the client closes, then stops the sender.</summary>
    private static async Task WaitForCloseAsync(WebSocket socket, CancellationTokenSource stop)
    {
        var buffer = new byte[1024];
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, stop.Token);
                if (result.MessageType == WebSocketMessageType.Close) break;
            }
        }
        finally
        {
            await stop.CancelAsync();
        }
    }

    private static async Task CloseAsync(WebSocket socket, WebSocketCloseStatus status, string reason)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived)) return;
        using var timeout = new CancellationTokenSource(CloseTimeout);
        try
        {
            await socket.CloseOutputAsync(status, reason, timeout.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // A client that does not read cannot take the close frame either.
            socket.Abort();
        }
    }
}
