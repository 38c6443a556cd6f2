using Silo.Hosting;
using Silo.Operations;

namespace Silo;

/// <summary>
/// A silo of the cluster, configured like the Api's co-hosted silo, with a small HTTP endpoint of its own
/// for operators (<see cref="SiloHttpSettings"/>). With the argument <c>kafka-broker</c> it runs the
/// embedded Kafka broker instead (<see cref="StandaloneKafkaBroker"/>).
/// </summary>
internal sealed class Program
{
    private static async Task Main(string[] args)
    {
        if (args is [StandaloneKafkaBroker.Command, ..])
        {
            await StandaloneKafkaBroker.RunAsync(args);
            return;
        }

        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.ReadSettingsFilesBesideTheProgram();
        builder.WebHost.UseUrls(SiloHttpSettings.UrlsFrom(builder.Configuration).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.AddPlatformOrleans(hostSilo: true);   // grains, streams on Kafka, storage, clustering
        builder.AddPlatformOperations();              // health, metrics, telemetry, operator credentials
        builder.Services.AddProblemDetails();

        var app = builder.Build();
        // Refusals (401 for the dashboard without operator credentials) get a problem body, as on the Api.
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapPlatformOperations();                  // /health/*, /metrics, /dashboard
        await app.RunAsync();
    }
}
