using Microsoft.Extensions.Diagnostics.HealthChecks;
using Silo.Persistence;

namespace Silo.Health;

/// <summary>Healthy when the platform database accepts a connection and a trivial query.</summary>
internal sealed class StorageHealthCheck(PlatformDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = database.CreateConnection();
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy(database.Dialect.ToString());
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"{database.Dialect} does not answer", exception);
        }
    }
}
