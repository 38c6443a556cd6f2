using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Benchmarks.Hosting;
using Benchmarks.Load;

namespace Benchmarks.Report;

/// <summary>The table's header: when, on what machine, with which versions of everything measured.</summary>
public static class Machine
{
    public static string Describe(BenchmarkSettings settings, IEnumerable<string> databases)
    {
        var orleans = Regex.Match(File.ReadAllText(Path.Combine(Solution.Root, "Directory.Packages.props")), "<OrleansVersion>([^<]+)<").Groups[1].Value;
        return $"""
            ## Benchmark {(settings.Smoke ? "smoke run (figures are not meaningful)" : "run")}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC

            - machine: {Environment.ProcessorCount} cores ({CpuModel()}), {MemoryGiB()} GiB memory, {RuntimeInformation.OSDescription}
            - versions: .NET SDK {Command("dotnet", "--version")} ({RuntimeInformation.FrameworkDescription}), Orleans {orleans}, {Wrk.Version()}, librdkafka {Confluent.Kafka.Library.VersionString}, {string.Join(", ", databases.Distinct())}
            - load: wrk -t2 -c{settings.WrkConnections} for {settings.WrkDuration.TotalSeconds:N0} s per HTTP row after {settings.WrkWarmUp.TotalSeconds:N0} s of unmeasured load (logins {4 * settings.WrkWarmUp.TotalSeconds:N0} s); .NET clients (this process) for events and WebSockets; platform, bare Kestrel and load generator are separate processes on loopback
            """;
    }

    private static string CpuModel() =>
        File.Exists("/proc/cpuinfo") && File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) is { } line
            ? line.Split(':', 2)[1].Trim()
            : RuntimeInformation.ProcessArchitecture.ToString();

    private static string MemoryGiB()
    {
        var info = GC.GetGCMemoryInfo();
        return (info.TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024)).ToString("N1", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Command(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true })!;
        var text = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return text;
    }
}
