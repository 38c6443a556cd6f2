using System.Net.Http.Headers;
using System.Text.Json;

namespace Platform.Tests.Operations;

/// <summary>
/// Clients of every Api node at once: event batches (a fifth of each batch re-sends ids already sent, as
/// duplicates) at a steady pace with an event source's write key, and signed-in users creating posts and collections
/// and adding posts to them.
/// </summary>
public sealed class ClientLoad(IReadOnlyList<Uri> apis, IReadOnlyList<string> tokens, string writeKey, LoadReport report) : IDisposable
{
    public const int BatchSize = 100, DuplicatesPerBatch = 20;
    private static readonly string[] UserIds = [.. Enumerable.Range(0, 40).Select(i => $"load-user-{i}")];

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly List<Guid> _sent = [];
    private int _batches;

    /// <summary>Sends <paramref name="events"/> events within about <paramref name="duration"/>; content writes run until then.</summary>
    public async Task RunAsync(int events, TimeSpan duration, int eventWorkers = 4, int contentWorkers = 2)
    {
        var batches = events / BatchSize;
        var pace = duration / batches * eventWorkers;
        using var stop = new CancellationTokenSource();
        var content = Enumerable.Range(0, contentWorkers).Select(w => ContentAsync(w, stop.Token)).ToArray();
        await Task.WhenAll(Enumerable.Range(0, eventWorkers).Select(w => EventsAsync(w, batches, pace)));
        await stop.CancelAsync();
        await Task.WhenAll(content);
    }

    private async Task EventsAsync(int worker, int batches, TimeSpan pace)
    {
        using var timer = new PeriodicTimer(pace);
        while (Interlocked.Increment(ref _batches) is var number && number <= batches)
        {
            var batch = NextBatch(number);
            var api = apis[(number + worker) % apis.Count];
            await SendAsync(HttpMethod.Post, new Uri(api, "/api/events"), null, new { batch }, "POST /api/events", writeKey: writeKey, onSuccess: async response =>
            {
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                var rejected = body.GetProperty("rejected").EnumerateArray().Select(r => r.GetProperty("index").GetInt32()).ToHashSet();
                for (var i = 0; i < batch.Count; i++)
                    if (!rejected.Contains(i)) report.AcceptedIds.TryAdd(batch[i].EventId, 0);
                report.Accepted(body.GetProperty("accepted").GetInt32());
            });
            report.Sent(batch.Count);
            await timer.WaitForNextTickAsync();
        }
    }

    private List<LoadEvent> NextBatch(int number)
    {
        var batch = new List<LoadEvent>(BatchSize);
        lock (_sent)
        {
            var repeats = _sent.Count >= DuplicatesPerBatch ? DuplicatesPerBatch : 0;
            for (var i = 0; i < repeats; i++) batch.Add(LoadEvent.For(_sent[Random.Shared.Next(_sent.Count)], UserIds));
            while (batch.Count < BatchSize)
            {
                var id = Guid.NewGuid();
                _sent.Add(id);
                batch.Add(LoadEvent.For(id, UserIds));
            }
        }
        return batch;
    }

    private async Task ContentAsync(int worker, CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var api = apis[(n + worker) % apis.Count];
            var token = tokens[(n + worker) % tokens.Count];
            string? post = null;
            await SendAsync(HttpMethod.Post, new Uri(api, "/api/posts"), token, new { title = $"load post {worker}-{n}", body = "written under load" },
                "POST /api/posts", async response => report.Posts[post = await IdOf(response)] = token);
            if (post is null || n % 3 != 0) continue;

            string? collection = null;
            await SendAsync(HttpMethod.Post, new Uri(api, "/api/collections"), token, new { name = $"load collection {worker}-{n}" },
                "POST /api/collections", async response => report.Collections[collection = await IdOf(response)] = token);
            if (collection is not null)
            {
                await SendAsync(HttpMethod.Post, new Uri(api, $"/api/collections/{collection}/add_post"), token, new { post_id = post },
                    "POST /api/collections/{id}/add_post", _ => Task.CompletedTask);
            }

            await SendAsync(HttpMethod.Get, new Uri(api, "/api/posts?limit=20"), null, null, "GET /api/posts", _ => Task.CompletedTask);
        }
    }

    private async Task SendAsync(HttpMethod method, Uri uri, string? token, object? body, string name, Func<HttpResponseMessage, Task> onSuccess,
        string? writeKey = null)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = body is null ? null : JsonContent.Create(body) };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (writeKey is not null) request.Headers.Add("X-Write-Key", writeKey);
        try
        {
            using var response = await _http.SendAsync(request);
            report.Answered(name, response.StatusCode);
            if (response.IsSuccessStatusCode) await onSuccess(response);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            report.Failed(name, exception);
        }
    }

    public void Dispose() => _http.Dispose();

    private static async Task<string> IdOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
}
