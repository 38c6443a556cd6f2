using Orleans.Configuration;
using Orleans.Dashboard;
using Silo.Persistence;
using Silo.Resilience;

namespace Silo.Hosting;

public static class ClientBuilderExtensions
{
    /// <summary>Joins the cluster whose membership table lives in <paramref name="database"/>.</summary>
    public static IClientBuilder UsePlatformClient(this IClientBuilder client, OrleansSettings settings, PlatformDatabase database)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (!database.IsClustered)
            throw new InvalidOperationException("An Orleans client needs the cluster's PostgreSQL database (ConnectionStrings:Orleans or DATABASE_URL).");

        client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (settings.ClusterId, settings.ServiceId));
        client.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (database.Invariant, database.ConnectionString));
        // Api nodes may start before any silo; keep trying instead of failing the host.
        client.UseConnectionRetryFilter(async (_, ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            return !ct.IsCancellationRequested;
        });
        client.UsePlatformClientFailover();
        client.Services.AddSettings<GrainCallRetryOptions>(GrainCallRetryOptions.SectionName);
        client.AddOutgoingGrainCallFilter<GrainCallRetryFilter>();
        client.AddActivityPropagation();
        client.AddDashboard();
        return client;
    }
}
