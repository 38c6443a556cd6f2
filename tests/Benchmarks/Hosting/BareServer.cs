using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Benchmarks.Hosting;

/// <summary>
/// The ceiling for reads and token checks: bare Kestrel answering the platform's own JSON bodies from memory,
/// in a process of its own like the platform's. <c>GET /{name}</c> returns the file <c>{name}.json</c> of its folder.
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
        await app.RunAsync();
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
