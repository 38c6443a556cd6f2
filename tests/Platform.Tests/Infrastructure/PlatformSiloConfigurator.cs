using Grains.Interfaces;
using Orleans.TestingHost;
using Silo.Hosting;
using Silo.Persistence;

namespace Platform.Tests.Infrastructure;

/// <summary>
/// The grain storages of a test silo: the platform's PostgreSQL storage when <see cref="PostgresSetting"/>
/// holds a connection string, memory otherwise. TestCluster builds configurators itself, hence settings
/// through configuration rather than constructor arguments.
/// </summary>
public sealed class PlatformSiloConfigurator : ISiloConfigurator
{
    public const string PostgresSetting = "PlatformTests:PostgreSql";

    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.AddIdentityGrains();
        siloBuilder.AddNotificationGrains();
        if (siloBuilder.Configuration[PostgresSetting] is { Length: > 0 } connectionString)
        {
            siloBuilder.AddPlatformStorage(new PlatformDatabase(SqlDialect.PostgreSql, connectionString));
            return;
        }
        siloBuilder.AddMemoryGrainStorage(StorageNames.Platform);
        siloBuilder.AddMemoryGrainStorage(StorageNames.PubSub);
        siloBuilder.AddMemoryGrainStorage(StorageNames.WriteBehind);
    }
}
