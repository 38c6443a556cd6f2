using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Benchmarks.Hosting;

/// <summary>
/// The writes row's peer (tests/Benchmarks/Peer): Debian's Django and Django REST framework under gunicorn, two sync
/// workers, SQLite in WAL mode, creating posts as the seed does. Null when the Debian packages are not installed.
/// </summary>
public sealed class DjangoPeer : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3", Gunicorn = "/usr/bin/gunicorn";
    private readonly ChildProcess _server;
    private readonly string _folder;

    private DjangoPeer(ChildProcess server, string folder, string url, string token) =>
        (_server, _folder, Url, Token) = (server, folder, url, token);

    public string Url { get; }

    /// <summary>The DRF token of the peer's one user (<c>Authorization: Token …</c>).</summary>
    public string Token { get; }

    public static async Task<DjangoPeer?> StartAsync()
    {
        if (!File.Exists(Gunicorn) || !File.Exists(Python)) return null;
        var code = Path.Combine(Solution.Root, "tests", "Benchmarks", "Peer");
        var folder = Directory.CreateTempSubdirectory("bench-peer-").FullName;
        var database = Path.Combine(folder, "peer.db");

        var setup = Process.Start(new ProcessStartInfo(Python, ["setup_peer.py", database])
        {
            WorkingDirectory = code,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var token = (await setup.StandardOutput.ReadToEndAsync()).Trim();
        await setup.WaitForExitAsync();
        if (setup.ExitCode != 0) throw new InvalidOperationException($"The Django peer's set-up failed: {await setup.StandardError.ReadToEndAsync()}");

        var port = Solution.FreePort();
        var server = ChildProcess.StartProgram(Gunicorn, code, new Dictionary<string, string> { ["PEER_DB"] = database },
            "--workers", "2", "--bind", $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", "--log-level", "warning", "peer.wsgi");
        var peer = new DjangoPeer(server, folder, $"http://127.0.0.1:{port}", token);
        await peer.WaitUntilCreatingAsync(TimeSpan.FromSeconds(30));
        return peer;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private Task WaitUntilCreatingAsync(TimeSpan timeout) => _server.WaitUntilAnswersAsync(async http =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Url}/api/posts/")
        {
            // With a length: gunicorn's WSGI workers take no chunked bodies.
            Content = new StringContent("""{"title":"first","body":"peer start-up"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", $"Token {Token}");
        return (await http.SendAsync(request)).StatusCode == HttpStatusCode.Created;
    }, $"The Django peer created no post within {timeout}", timeout);
}
