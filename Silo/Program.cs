using Silo.Hosting;

namespace Silo;

/// <summary>
/// A silo of the cluster: configured like the Api's co-hosted silo, with no HTTP endpoints of its own.
/// With the argument <c>kafka-broker</c> it runs the embedded Kafka broker instead (<see cref="StandaloneKafkaBroker"/>).
/// </summary>
internal static class Program
{
    private static async Task Main(string[] args)
    {
        if (args is [StandaloneKafkaBroker.Command, ..])
        {
            await StandaloneKafkaBroker.RunAsync(args);
            return;
        }

        var builder = Host.CreateApplicationBuilder(args);
        builder.AddPlatformOrleans(hostSilo: true);
        await builder.Build().RunAsync();
    }
}
