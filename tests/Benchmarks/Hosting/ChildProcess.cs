using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Benchmarks.Hosting;

/// <summary>A `dotnet X.dll` process of the solution's build output; its output is kept for errors and for values it prints.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int KeptLines = 2000;
    private static readonly ConcurrentDictionary<Process, byte> Running = new();
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    static ChildProcess()
    {
        // Ctrl+C or a killed benchmark must not leave platform processes behind.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        Console.CancelKeyPress += (_, _) => KillAll();
    }

    private ChildProcess(Process process) => _process = process;

    public string Output => string.Join(Environment.NewLine, _output);

    /// <summary>The CPU time the process has used so far, user and kernel.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Starts the built <paramref name="project"/> of the solution from its folder.</summary>
    public static ChildProcess Start(string project, IDictionary<string, string> environment, params string[] args) =>
        StartProgram("dotnet", Path.Combine(Solution.Root, project), environment, [Solution.Dll(project), .. args]);

    /// <summary>Starts any program, keeping its output and killing it with the benchmark.</summary>
    public static ChildProcess StartProgram(string program, string workingDirectory, IDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        info.Environment.Remove("DOTNET_ENVIRONMENT");
        foreach (var (key, value) in environment) info.Environment[key] = value;

        var process = new Process { StartInfo = info };
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        process.Start();
        Running.TryAdd(process, 0);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>The first group of <paramref name="pattern"/> once a line of the output matches it.</summary>
    public async Task<string> WaitForAsync(Regex pattern, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_output.Select(line => pattern.Match(line)).FirstOrDefault(m => m.Success) is { } match) return match.Groups[1].Value;
            if (_process.HasExited) break;
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"No output matched {pattern} (exited: {_process.HasExited}).{Environment.NewLine}{Output}");
    }

    public Task WaitUntilReadyAsync(string url, TimeSpan timeout) =>
        WaitUntilAnswersAsync(async http => (await http.GetAsync(url)).IsSuccessStatusCode, $"{url} did not answer 200", timeout);

    /// <summary>Asks <paramref name="answers"/> until it says yes (a refused connection is a no), or fails with <paramref name="failure"/>.</summary>
    public async Task WaitUntilAnswersAsync(Func<HttpClient, Task<bool>> answers, string failure, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                if (await answers(http)) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new InvalidOperationException($"{failure} (exited: {_process.HasExited}).{Environment.NewLine}{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        Running.TryRemove(_process, out _);
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static void KillAll()
    {
        foreach (var process in Running.Keys)
        {
            try
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }
        }
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > KeptLines) _output.TryDequeue(out _);
    }
}
