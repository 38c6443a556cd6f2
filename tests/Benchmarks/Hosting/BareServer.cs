using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Benchmarks.Hosting;

/// <summary>
/// The ceiling for reads and token checks: bare Kestrel answering the platform's own JSON bodies from memory,
/// in a process of its own like the platform's. <c>GET /{name}</c> returns the file <c>{name}.json</c> of its folder.
/// For notifications, the least an ASP.NET Core WebSocket fan-out can do: <c>/ws</c> keeps the connections, and
/// <c>POST /broadcast</c> sends its body to each of them as one text frame, straight from the request (no queue, no
/// feed, no ids), answering when every send has been handed to the socket.
/// </summary>
public static class BareServer
{
    public const string Command = "bare-server";

    public static async Task RunAsync(int port, string folder)
    {
        var bodies = Directory.GetFiles(folder, "*.json").ToDictionary(f => Path.GetFileNameWithoutExtension(f), File.ReadAllBytes);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var app = builder.Build();
        app.MapGet("/{name}", (string name) => bodies.TryGetValue(name, out var body)
            ? Results.Bytes(body, "application/json")
            : Results.NotFound());
        var sockets = new ConcurrentDictionary<WebSocket, byte>();
        app.UseWebSockets();
        app.Map("/ws", context => KeepAsync(context, sockets));
        app.MapPost("/broadcast", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            await BroadcastAsync(sockets.Keys, body.ToArray());
            return Results.NoContent();
        });
        await app.RunAsync();
    }

    private static async Task KeepAsync(HttpContext context, ConcurrentDictionary<WebSocket, byte> sockets)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        sockets.TryAdd(socket, 0);
        try
        {
            var buffer = new byte[1024];
            while ((await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None)).MessageType != WebSocketMessageType.Close)
            {
            }
        }
        catch (WebSocketException)
        {
        }
        finally
        {
            sockets.TryRemove(socket, out _);
        }
    }

    private static async Task BroadcastAsync(IEnumerable<WebSocket> sockets, byte[] frame)
    {
        var pending = new List<Task>();
        foreach (var socket in sockets)
        {
            var send = socket.SendAsync(frame.AsMemory(), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            if (!send.IsCompletedSuccessfully) pending.Add(send.AsTask());
        }
        await Task.WhenAll(pending);
    }

    /// <summary>Starts this program as the bare server with <paramref name="bodies"/>, and waits until it answers.</summary>
    public static async Task<(ChildProcess Process, string Url)> StartAsync(IReadOnlyDictionary<string, string> bodies)
    {
        var folder = Directory.CreateTempSubdirectory("bench-bare-").FullName;
        foreach (var (name, json) in bodies) await File.WriteAllTextAsync(Path.Combine(folder, $"{name}.json"), json);
        var port = Solution.FreePort();
        var process = ChildProcess.Start(Path.Combine("tests", "Benchmarks"), new Dictionary<string, string>(),
            Command, port.ToString(CultureInfo.InvariantCulture), folder);
        var url = $"http://127.0.0.1:{port}";
        await process.WaitUntilReadyAsync($"{url}/{bodies.Keys.First()}", TimeSpan.FromSeconds(30));
        return (process, url);
    }
}
