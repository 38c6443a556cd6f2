using Orleans.TestingHost;

namespace Platform.Tests.Infrastructure;

/// <summary>The test cluster with the platform's ADO.NET grain storage in a fresh PostgreSQL database.</summary>
public sealed class PostgresClusterFixture : ClusterFixture
{
    protected override async Task ConfigureAsync(TestClusterBuilder builder) =>
        builder.Properties[PlatformSiloConfigurator.PostgresSetting] = await PostgresServer.CreateDatabaseAsync();
}
