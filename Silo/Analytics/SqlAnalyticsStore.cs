using Grains.Pipeline;
using Silo.Persistence;

namespace Silo.Analytics;

/// <summary>The analytics store on the platform database: writes group-committed, reads straight to the table.</summary>
internal sealed class SqlAnalyticsStore : IAnalyticsStore, IAsyncDisposable
{
    private readonly AnalyticsDialect _dialect;
    private readonly AnalyticsGroupCommit _commits;
    private readonly SqliteWriteGate _writeGate;

    public SqlAnalyticsStore(PlatformDatabase database, SqliteWriteGate writeGate)
    {
        _dialect = AnalyticsDialect.For(database);
        _commits = new AnalyticsGroupCommit(_dialect, writeGate);
        _writeGate = writeGate;
    }

    public async Task<IReadOnlyList<StoreOutcome>> StoreAsync(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken = default) =>
        events.Count == 0 ? [] : await _commits.WriteAsync(events, cancellationToken);

    public async Task<IReadOnlyDictionary<Guid, StoredRow>> FindStoredAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default) =>
        await _dialect.FindStoredAsync(ids, cancellationToken);

    public Task<long> LastSequenceAsync(string userId, CancellationToken cancellationToken = default) =>
        _dialect.LastSequenceAsync(userId, cancellationToken);

    public Task<string?> FindAsync(Guid eventId, CancellationToken cancellationToken = default) =>
        _dialect.FindDocumentAsync(eventId, cancellationToken);

    public Task<long> EraseUserAsync(string userId, CancellationToken cancellationToken = default) =>
        _writeGate.RunAsync(() => _dialect.EraseUserAsync(userId, cancellationToken));

    public ValueTask DisposeAsync() => _commits.DisposeAsync();
}
