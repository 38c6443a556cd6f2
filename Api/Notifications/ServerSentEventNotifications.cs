using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using Api.Http;
using Api.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Api.Notifications;

/// <summary>
/// Notifications as Server-Sent Events (<c>GET /sse/notifications</c>): one <c>notification</c> event per notification,
/// its data the same JSON as a WebSocket frame and its <c>id:</c> the notification's id, so a browser's EventSource that
/// reconnects by itself resumes where it was (<c>Last-Event-ID</c>, or <c>?since=</c> for the first connection). A
/// <c>ping</c> event opens the stream (so the client has the answer's headers at once) and follows every 20 quiet
/// seconds, so proxies do not close it; it carries the connection's id too, so a stream narrowed to quiet topics
/// resumes from where it is rather than from its last notification. A client whose buffer overflows gets the stream
/// ended, and resumes.
/// </summary>
internal static class ServerSentEventNotifications
{
    public const string Path = "/sse/notifications";
    public const string NotificationEvent = "notification";
    public const string PingEvent = "ping";
    private const string LastEventIdHeader = "Last-Event-ID";
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(20);

    /// <param name="since">The id of the last notification received, to resume after it.</param>
    /// <param name="topics">Only these resources' notifications: <c>post:{id},collection:{id}</c>.</param>
    /// <param name="lastEventId">What EventSource sends when it reconnects; wins over <paramref name="since"/>.</param>
    public static async Task<IResult> Handle(
        HttpContext context, NotificationFanout fanout, NotificationFeedReader feeds, IGrainFactory grains, IOptions<NotificationOptions> options, TimeProvider clock,
        [FromQuery] string? since = null, [FromQuery] string? topics = null, [FromHeader(Name = LastEventIdHeader)] string? lastEventId = null)
    {
        // The header wins: EventSource sends it on every reconnect, while the URL keeps the first connection's since.
        if (!NotificationTopics.TryParse(topics, out var narrowed, out var error))
            return Problems.Of(StatusCodes.Status400BadRequest, error!, title: "Bad topics");
        if (!NotificationCursor.TryParse(lastEventId ?? since, out var cursor, out error))
            return Problems.Of(StatusCodes.Status400BadRequest, error!, title: "Bad notification id");
        var userId = context.User.FindUserId();
        if (narrowed is not null && await narrowed.FirstRefusedCollectionAsync(grains, userId) is { } refused)
            return Problems.Of(StatusCodes.Status404NotFound, $"Collection {refused} does not exist or is not yours.", title: "No such collection");
        var subscriber = new NotificationSubscriber(userId, narrowed, options.Value.BufferSize, clock);
        return TypedResults.ServerSentEvents(StreamAsync(subscriber, fanout, feeds, cursor, context.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<string>> StreamAsync(NotificationSubscriber subscriber, NotificationFanout fanout,
        NotificationFeedReader feeds, NotificationCursor? since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        fanout.Add(subscriber);
        try
        {
            yield return new SseItem<string>("{}", PingEvent);
            await foreach (var delivery in subscriber.DeliverAsync(feeds, since, KeepAlive, cancellationToken))
            {
                yield return delivery.Notification is { } notification
                    ? new SseItem<string>(Encoding.UTF8.GetString(notification.Frame(delivery.Id)), NotificationEvent) { EventId = delivery.Id }
                    : new SseItem<string>("{}", PingEvent) { EventId = delivery.Id };
            }
        }
        finally
        {
            fanout.Remove(subscriber);
        }
    }
}
