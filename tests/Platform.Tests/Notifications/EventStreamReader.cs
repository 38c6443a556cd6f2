using System.Net.ServerSentEvents;
using System.Text.Json;

namespace Platform.Tests.Notifications;

/// <summary>A Server-Sent Events client of <c>/sse/notifications</c>, parsing with the runtime's own SSE parser as an EventSource would.</summary>
public sealed class EventStreamReader : IDisposable
{
    private readonly HttpClient _client;
    private readonly HttpResponseMessage _response;
    private readonly IAsyncEnumerator<SseItem<string>> _events;

    private EventStreamReader(HttpClient client, HttpResponseMessage response, IAsyncEnumerator<SseItem<string>> events) =>
        (_client, _response, _events) = (client, response, events);

    /// <param name="lastEventId">Sent as <c>Last-Event-ID</c>, as an EventSource does when it reconnects.</param>
    public static async Task<EventStreamReader> OpenAsync(Uri server, string pathAndQuery, string? lastEventId = null)
    {
        var client = new HttpClient { BaseAddress = server, Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = SseParser.Create(await response.Content.ReadAsStreamAsync()).EnumerateAsync().GetAsyncEnumerator();
        return new EventStreamReader(client, response, events);
    }

    /// <summary>The next event that is not a keep-alive ping.</summary>
    public async Task<SseItem<string>> NextAsync(TimeSpan timeout)
    {
        var next = Task.Run(async () =>
        {
            while (await _events.MoveNextAsync())
            {
                if (_events.Current.EventType != "ping")
                    return _events.Current;
            }
            throw new InvalidOperationException("The stream ended.");
        });
        return await next.WaitAsync(timeout);
    }

    public async Task<JsonElement> NextNotificationAsync(TimeSpan timeout) => JsonDocument.Parse((await NextAsync(timeout)).Data).RootElement;

    public void Dispose()
    {
        _response.Dispose();
        _client.Dispose();
    }
}
