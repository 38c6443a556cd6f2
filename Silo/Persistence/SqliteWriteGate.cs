namespace Silo.Persistence;

/// <summary>
/// Lets one write at a time reach a SQLite database; a no-op on PostgreSQL. SQLite has a single writer
/// anyway, and a writer that finds it busy is retried by Microsoft.Data.Sqlite after a blocking
/// <c>Thread.Sleep(150)</c>: with many grains writing at once that parked the thread pool and stalled the
/// whole silo. Waiting here is asynchronous and ends the moment the previous write commits.
/// </summary>
public sealed class SqliteWriteGate(PlatformDatabase database)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<T> RunAsync<T>(Func<Task<T>> write)
    {
        if (database.Dialect != SqlDialect.Sqlite) return await write();
        await _gate.WaitAsync();
        try
        {
            return await write();
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task RunAsync(Func<Task> write) => RunAsync(async () =>
    {
        await write();
        return true;
    });
}
