using Platform.Testing;

namespace Benchmarks.Hosting;

/// <summary>Where the solution and its build output are: the platform runs from the configuration this program was built with.</summary>
public static class Solution
{
    public static string Root { get; } = FindRoot();

    public static string Configuration { get; } =
        new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    /// <summary>The entry assembly of the project in <paramref name="folder"/> (relative to the root), named as its folder.</summary>
    public static string Dll(string folder) =>
        Path.Combine(Root, folder, "bin", Configuration, "net10.0", $"{Path.GetFileName(folder)}.dll");

    /// <summary>A loopback port nothing listens on right now (<see cref="LoopbackPorts"/>).</summary>
    public static int FreePort() => LoopbackPorts.Next();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Orleans.sln"))) return dir.FullName;
        throw new InvalidOperationException("Orleans.sln not found above the benchmark's output folder.");
    }
}
