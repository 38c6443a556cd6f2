using Benchmarks.Hosting;
using Benchmarks.Report;

namespace Benchmarks.Scenarios;

/// <summary>
/// What the platform costs doing nothing: the CPU its processes use over a window, after a settling time with no
/// request at all (a server waits far more than it works, and shares its machine).
/// </summary>
public static class IdleScenario
{
    public static async Task RunAsync(PlatformUnderTest platform, BenchmarkSettings settings, ResultTable table)
    {
        await Task.Delay(settings.IdleSettle);
        var before = platform.ProcessorTime;
        await Task.Delay(settings.IdleWindow);
        var share = (platform.ProcessorTime - before) / settings.IdleWindow * 100;
        table.Add(new Row(platform.Mode, $"idle: CPU of the platform's processes, {settings.IdleWindow.TotalSeconds:N0} s after {settings.IdleSettle.TotalSeconds:N0} s of nothing",
            share, "% of a core", 1, "goal", "< 1 %", LowerIsBetter: true));
    }
}
