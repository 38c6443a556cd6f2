using System.Threading.Channels;
using Grains.Pipeline;
using Silo.Persistence;

namespace Silo.Analytics;

/// <summary>
/// Group commit for the analytics table: every write waiting when the writer comes round goes into one
/// transaction, so the cost of a commit is shared and grows slower than the load. A caller's write is never
/// split between transactions.
/// </summary>
internal sealed class AnalyticsGroupCommit : IAsyncDisposable
{
    private const int MaxRows = 500;

    private readonly AnalyticsDialect _dialect;
    private readonly SqliteWriteGate _writeGate;
    private readonly Channel<PendingWrite> _pending = Channel.CreateUnbounded<PendingWrite>(new() { SingleReader = true });
    private readonly Task _writer;

    public AnalyticsGroupCommit(AnalyticsDialect dialect, SqliteWriteGate writeGate)
    {
        _dialect = dialect;
        _writeGate = writeGate;
        _writer = Task.Run(WriteLoopAsync);
    }

    public async Task<IReadOnlyList<StoreOutcome>> WriteAsync(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        var pending = new PendingWrite(events, new(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_pending.Writer.TryWrite(pending))
            throw new ObjectDisposedException(nameof(AnalyticsGroupCommit));
        return await pending.Done.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteLoopAsync()
    {
        var commit = new List<PendingWrite>();
        while (await _pending.Reader.WaitToReadAsync())
        {
            var rows = new List<StoredEvent>(MaxRows);
            while (rows.Count < MaxRows && _pending.Reader.TryRead(out var next))
            {
                commit.Add(next);
                rows.AddRange(next.Events);
            }
            try
            {
                var inserted = await _writeGate.RunAsync(() => _dialect.InsertAsync(rows));
                var earlier = await _dialect.FindStoredAsync(
                    rows.Select(e => e.EventId).Where(id => !inserted.Contains(id)).Distinct().ToList(), CancellationToken.None);
                var outcomes = StoreOutcomes.Classify(
                    commit.ConvertAll(w => w.Events), inserted, earlier.Select(r => KeyValuePair.Create(r.Key, r.Value.Source)));
                for (var i = 0; i < commit.Count; i++)
                    commit[i].Done.TrySetResult(outcomes[i]);
            }
            catch (Exception exception)
            {
                // Callers retry with backoff; the store stays idempotent whatever was committed.
                foreach (var write in commit)
                    write.Done.TrySetException(exception);
            }
            commit.Clear();
        }
    }

    private sealed record PendingWrite(IReadOnlyList<StoredEvent> Events, TaskCompletionSource<IReadOnlyList<StoreOutcome>> Done);
}
