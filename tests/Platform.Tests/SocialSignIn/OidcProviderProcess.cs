using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Platform.Tests.SocialSignIn;

/// <summary>
/// A real OpenID Provider (tests/oidc-provider/server.mjs, the npm package oidc-provider) on a free loopback port.
/// Node.js and the installed packages are required: tests/run.sh installs them; without them this fails, never skips.
/// </summary>
public sealed class OidcProviderProcess : IAsyncDisposable
{
    private const string ReadyLine = "oidc-provider ready ";
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;

    private OidcProviderProcess(Process process, int port)
    {
        _process = process;
        Issuer = $"http://127.0.0.1:{port}";
    }

    public string Issuer { get; }

    public string Output => string.Join(Environment.NewLine, _output);

    public static async Task<OidcProviderProcess> StartAsync(IEnumerable<OidcClient> clients, IReadOnlyDictionary<string, OidcUser> users, bool idTokenClaims = false)
    {
        var directory = Path.Combine(PlatformProcess.RepositoryRoot, "tests", "oidc-provider");
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "oidc-provider")))
            throw new InvalidOperationException($"The test OpenID Provider is not installed: run `npm ci --prefix {directory}` (tests/run.sh does).");

        var port = FreePort.Next();
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("server.mjs");
        info.ArgumentList.Add(port.ToString());
        info.Environment["OIDC_CLIENTS"] = JsonSerializer.Serialize(clients.Select(c => c.ToJson()));
        info.Environment["OIDC_USERS"] = JsonSerializer.Serialize(users.ToDictionary(u => u.Key, u => u.Value.ToJson()));
        info.Environment["OIDC_ID_TOKEN_CLAIMS"] = idTokenClaims ? "true" : "false";

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var provider = new OidcProviderProcess(process, port);
        process.OutputDataReceived += (_, e) => provider.Receive(e.Data);
        process.ErrorDataReceived += (_, e) => provider.Receive(e.Data);
        process.Exited += (_, _) => provider._ready.TrySetException(new InvalidOperationException($"node exited:{Environment.NewLine}{provider.Output}"));
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("Node.js (`node`) is not installed; tests/run.sh installs it.", e);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await provider._ready.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException e)
        {
            await provider.DisposeAsync();
            throw new InvalidOperationException($"The OpenID Provider did not get ready in 30 s:{Environment.NewLine}{provider.Output}", e);
        }
        return provider;
    }

    private void Receive(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        if (line.StartsWith(ReadyLine, StringComparison.Ordinal))
            _ready.TrySetResult();
    }

    /// <summary>Kills the provider; tests that take it down early make the fixture's later call a no-op.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
