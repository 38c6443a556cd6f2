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

    public static async Task<EventStreamReader> OpenAsync(Uri server, string pathAndQuery)
    {
        var client = new HttpClient { BaseAddress = server, Timeout = Timeout.InfiniteTimeSpan };
        var response = await client.GetAsync(pathAndQuery, HttpCompletionOption.ResponseHeadersRead);
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
