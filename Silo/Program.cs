using Silo.Hosting;

namespace Silo;

/// <summary>A silo of the cluster: configured like the Api's co-hosted silo, with no HTTP endpoints of its own.</summary>
internal static class Program
{
    private static async Task Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.AddPlatformOrleans(hostSilo: true);
        await builder.Build().RunAsync();
    }
}
