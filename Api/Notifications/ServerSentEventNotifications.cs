using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using Api.Identity;
using Microsoft.Extensions.Options;

namespace Api.Notifications;

/// <summary>
/// Notifications as Server-Sent Events (<c>GET /sse/notifications</c>): one <c>notification</c> event per notification,
/// its data the same JSON as a WebSocket frame. A <c>ping</c> event opens the stream (so the client has the answer's
/// headers at once) and follows every 20 quiet seconds, so proxies do not close it. A client whose buffer overflows gets the stream ended, and browsers' EventSource reconnects by itself.
/// </summary>
internal static class ServerSentEventNotifications
{
    public const string Path = "/sse/notifications";
    public const string NotificationEvent = "notification";
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(20);
    private static readonly SseItem<string> Ping = new("{}", "ping");

    public static async Task<IResult> Handle(HttpContext context, NotificationFanout fanout, IGrainFactory grains, IOptions<NotificationOptions> options)
    {
        if (!NotificationTopics.TryParse(context.Request.Query["topics"], out var topics, out var error))
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad topics", detail: error);
        var userId = context.User.FindUserId();
        if (topics is not null && await topics.FirstRefusedCollectionAsync(grains, userId) is { } refused)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such collection",
                detail: $"Collection {refused} does not exist or is not yours.");
        }
        var subscriber = new NotificationSubscriber(userId?.ToString(), options.Value.BufferSize) { Topics = topics };
        return TypedResults.ServerSentEvents(StreamAsync(subscriber, fanout, context.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<string>> StreamAsync(
        NotificationSubscriber subscriber, NotificationFanout fanout, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        fanout.Add(subscriber);
        try
        {
            var queue = subscriber.Reader;
            yield return Ping;
            while (true)
            {
                var ready = queue.WaitToReadAsync(cancellationToken).AsTask();
                while (await Task.WhenAny(ready, Task.Delay(KeepAlive, cancellationToken)) != ready)
                    yield return Ping;
                if (!await ready)
                    yield break;
                while (queue.TryRead(out var notification))
                    yield return new SseItem<string>(Encoding.UTF8.GetString(notification.Frame), NotificationEvent);
            }
        }
        finally
        {
            fanout.Remove(subscriber);
        }
    }
}
