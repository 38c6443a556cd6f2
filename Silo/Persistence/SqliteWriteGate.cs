namespace Silo.Persistence;

/// <summary>
/// Lets one write at a time reach a SQLite database; a no-op on PostgreSQL. SQLite has a single writer
/// anyway, and a writer that finds it busy is retried by Microsoft.Data.Sqlite after a blocking
/// <c>Thread.Sleep(150)</c>: with many grains writing at once that parked the thread pool and stalled the
/// whole silo. Waiting here is asynchronous and ends the moment the previous write commits.
/// Writes somebody waits for go first; <see cref="WriteLane.Behind"/> writes (state written behind on a timer)
/// take the gate only when none of those is queued, so a burst of them cannot hold up the pipeline's commits.
/// </summary>
public sealed class SqliteWriteGate(PlatformDatabase database)
{
    private readonly Lock _lock = new();
    private readonly Queue<TaskCompletionSource> _waited = new(), _behind = new();
    private bool _busy;

    public async Task<T> RunAsync<T>(Func<Task<T>> write, WriteLane lane = WriteLane.Waited)
    {
        if (database.Dialect != SqlDialect.Sqlite) return await write();
        await EnterAsync(lane);
        try
        {
            return await write();
        }
        finally
        {
            Exit();
        }
    }

    public Task RunAsync(Func<Task> write, WriteLane lane = WriteLane.Waited) => RunAsync(async () =>
    {
        await write();
        return true;
    }, lane);

    private Task EnterAsync(WriteLane lane)
    {
        lock (_lock)
        {
            if (!_busy)
            {
                _busy = true;
                return Task.CompletedTask;
            }
            var turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            (lane == WriteLane.Waited ? _waited : _behind).Enqueue(turn);
            return turn.Task;
        }
    }

    /// <summary>Hands the gate straight to the next writer, if any, so nobody can slip in between.</summary>
    private void Exit()
    {
        TaskCompletionSource? next;
        lock (_lock)
        {
            if (!_waited.TryDequeue(out next) && !_behind.TryDequeue(out next))
                _busy = false;
        }
        next?.SetResult();
    }
}

/// <summary>Which queue a write waits in at the <see cref="SqliteWriteGate"/>.</summary>
public enum WriteLane
{
    /// <summary>Somebody is waiting for this write: a request, or the events of a pipeline batch.</summary>
    Waited,

    /// <summary>State written behind on a timer: it yields to every <see cref="Waited"/> write.</summary>
    Behind,
}
