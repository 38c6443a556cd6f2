using System.Collections.Concurrent;
using System.Diagnostics;

namespace Platform.Tests.Infrastructure;

/// <summary>
/// A real Api or Silo process started from the solution's build output (`dotnet Api.dll`), as an operator
/// would run it. Its output is kept for the failure message; disposing kills it.
/// </summary>
public sealed class PlatformProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private PlatformProcess(Process process) => _process = process;

    public string Output => string.Join(Environment.NewLine, _output);

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// A copy of <paramref name="environment"/> with a free silo port and gateway port of its own, so processes
    /// started side by side (or beside other tests) never compete for one.
    /// </summary>
    public static Dictionary<string, string> WithOwnPorts(IDictionary<string, string> environment) => new(environment)
    {
        ["Orleans__SiloPort"] = FreePort.Next().ToString(),
        ["Orleans__GatewayPort"] = FreePort.Next().ToString(),
    };

    public static PlatformProcess Start(string project, IDictionary<string, string> environment, params string[] args) =>
        Start(Path.Combine(BuildOutput(project), $"{project}.dll"), Path.Combine(RepositoryRoot, project), asUnprivilegedUser: false, environment, args);

    /// <summary>
    /// Runs <paramref name="dll"/> (a published build) from <paramref name="workingDirectory"/>; with
    /// <paramref name="asUnprivilegedUser"/>, as user <c>nobody</c> when this process is root, as a service would.
    /// </summary>
    public static PlatformProcess Start(string dll, string workingDirectory, bool asUnprivilegedUser, IDictionary<string, string> environment, params string[] args)
    {
        var dropRoot = asUnprivilegedUser && Environment.UserName == "root";
        var info = new ProcessStartInfo(dropRoot ? "runuser" : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (dropRoot)
            foreach (var arg in new[] { "-u", "nobody", "--", "dotnet" }) info.ArgumentList.Add(arg);
        info.ArgumentList.Add(dll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        // The test host's own settings must not leak into the child.
        info.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        info.Environment.Remove("DOTNET_ENVIRONMENT");
        foreach (var (key, value) in environment) info.Environment[key] = value;

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var platform = new PlatformProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) platform._output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) platform._output.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return platform;
    }

    /// <summary>Waits until <paramref name="url"/> answers 200, failing early with the output if the process dies.</summary>
    public async Task WaitUntilReadyAsync(string url, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            await Eventually.Until(async () =>
            {
                if (_process.HasExited) throw new InvalidOperationException($"The process exited with {_process.ExitCode}.");
                return (await http.GetAsync(url)).StatusCode == HttpStatusCode.OK;
            }, timeout, $"{url} to answer 200");
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"{e.Message}{Environment.NewLine}Process output:{Environment.NewLine}{Output}", e);
        }
    }

    /// <summary>Asks the process to stop as SIGTERM would, and waits for it to exit.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited) return;
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()])) await kill.WaitForExitAsync();
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
    }

    /// <summary>Kills the process at once, as SIGKILL would: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Orleans.sln"))) return dir.FullName;
        throw new InvalidOperationException("Orleans.sln not found above the test output folder.");
    }

    /// <summary>The projects are built with the same configuration as this test assembly (Debug or Release).</summary>
    private static string BuildOutput(string project)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        return Path.Combine(RepositoryRoot, project, "bin", configuration, "net10.0");
    }
}
