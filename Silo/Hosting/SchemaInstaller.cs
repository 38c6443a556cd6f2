using Silo.Persistence;

namespace Silo.Hosting;

/// <summary>
/// Applies the platform's SQL scripts before the silo starts. <see cref="IHostedLifecycleService.StartingAsync"/>
/// runs before any hosted service's StartAsync, so Orleans never sees a database without its tables.
/// </summary>
internal sealed partial class SchemaInstaller(PlatformDatabase database, ILogger<SchemaInstaller> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await SqlScripts.ApplyAsync(connection, database.Dialect, cancellationToken);
        LogSchemaApplied(database.Location);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Grain state, analytics and the rest in {Location}; schema up to date")]
    private partial void LogSchemaApplied(string location);
}
