using System.Diagnostics;

namespace Platform.Tests.Infrastructure;

/// <summary>A command-line tool run to its end by a test, with a deadline: what it printed and how it exited.</summary>
public sealed record ToolRun(int ExitCode, string Output, string Errors)
{
    /// <summary>Runs <paramref name="info"/> (its outputs redirected here); still running at <paramref name="deadline"/>, it is killed and the test fails.</summary>
    public static async Task<ToolRun> RunAsync(ProcessStartInfo info, TimeSpan deadline)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{info.FileName} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"{info.FileName} {string.Join(' ', info.ArgumentList)} took longer than {deadline}.{Environment.NewLine}{await output}{await errors}");
        }
        return new ToolRun(process.ExitCode, await output, await errors);
    }
}
