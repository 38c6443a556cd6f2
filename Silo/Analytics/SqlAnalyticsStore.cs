using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Grains.Interfaces.Pipeline;
using Grains.Pipeline;
using Silo.Persistence;

namespace Silo.Analytics;

/// <summary>
/// The analytics store on the platform database. Writes are group-committed: every batch waiting when the
/// writer comes round goes into one transaction, so the cost of a commit is shared and grows slower than
/// the load. A caller's batch is never split between transactions.
/// </summary>
internal sealed class SqlAnalyticsStore : IAnalyticsStore, IAsyncDisposable
{
    private const int MaxBatch = 500;

    private readonly PlatformDatabase _database;
    private readonly SqliteWriteGate _writeGate;
    private readonly Channel<PendingWrite> _pending = Channel.CreateUnbounded<PendingWrite>(new() { SingleReader = true });
    private readonly Task _writer;

    public SqlAnalyticsStore(PlatformDatabase database, SqliteWriteGate writeGate)
    {
        _database = database;
        _writeGate = writeGate;
        _writer = Task.Run(WriteLoopAsync);
    }

    public async Task<IReadOnlyList<StoreOutcome>> StoreAsync(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken = default)
    {
        if (events.Count == 0) return [];
        var pending = new PendingWrite(events, new(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_pending.Writer.TryWrite(pending))
            throw new ObjectDisposedException(nameof(SqlAnalyticsStore));
        return await pending.Done.Task.WaitAsync(cancellationToken);
    }

    public async Task<long> LastSequenceAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(sequence), 0) FROM analytics_events WHERE user_id = @user";
        command.AddParameter("user", userId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public async Task<string?> FindAsync(Guid eventId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT document{TextCast} FROM analytics_events WHERE event_id = @id{IdCast}";
        command.AddParameter("id", IdValue(eventId));
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingWrite>();
        while (await _pending.Reader.WaitToReadAsync())
        {
            var rows = new List<StoredEvent>(MaxBatch);
            while (rows.Count < MaxBatch && _pending.Reader.TryRead(out var next))
            {
                batch.Add(next);
                rows.AddRange(next.Events);
            }
            try
            {
                var inserted = await _writeGate.RunAsync(() => InsertAsync(rows));
                // Rows this batch did not insert were there before; ids it did insert came from their first writer here.
                var stored = await FindStoredAsync(rows.Select(e => e.EventId).Where(id => !inserted.Contains(id)).Distinct().ToList());
                var sources = stored.ToDictionary(s => s.Key, s => s.Value.Source);
                foreach (var write in batch)
                {
                    write.Done.TrySetResult(write.Events.Select(e =>
                        sources.TryAdd(e.EventId, e.Source) && inserted.Contains(e.EventId) ? StoreOutcome.Inserted
                        : sources[e.EventId] == e.Source ? StoreOutcome.Redelivered
                        : StoreOutcome.Duplicate).ToList());
                }
            }
            catch (Exception exception)
            {
                // Callers retry with backoff; the store stays idempotent whatever was committed.
                foreach (var write in batch)
                    write.Done.TrySetException(exception);
            }
            batch.Clear();
        }
    }

    private const string Columns =
        "event_id, user_id, event_type, occurred_at, received_at, processed_at, sequence, document, source_partition, source_offset";

    /// <summary>Inserts the batch in one transaction; returns the ids it inserted (the others were there).</summary>
    private Task<HashSet<Guid>> InsertAsync(List<StoredEvent> batch) =>
        IsPostgres ? InsertAsArraysAsync(batch) : InsertRowByRowAsync(batch);

    /// <summary>
    /// PostgreSQL: one statement whose ten parameters are column arrays, so its text and plan are the same
    /// for every batch size (a multi-row VALUES list would need ten parameters per row).
    /// </summary>
    private async Task<HashSet<Guid>> InsertAsArraysAsync(List<StoredEvent> events)
    {
        await using var connection = await _database.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO analytics_events ({Columns})
            SELECT * FROM unnest(@ids::uuid[], @users::text[], @types::text[], @occurred::timestamptz[],
                @received::timestamptz[], @processed::timestamptz[], @sequences::bigint[], @documents::jsonb[],
                @partitions::integer[], @offsets::bigint[])
            ON CONFLICT (event_id) DO NOTHING RETURNING event_id
            """;
        command.AddParameter("ids", events.ConvertAll(e => e.EventId).ToArray());
        command.AddParameter("users", events.ConvertAll(e => e.UserId).ToArray());
        command.AddParameter("types", events.ConvertAll(e => e.EventType).ToArray());
        command.AddParameter("occurred", events.ConvertAll(e => e.Timestamp.UtcDateTime).ToArray());
        command.AddParameter("received", events.ConvertAll(e => e.ReceivedAt.UtcDateTime).ToArray());
        command.AddParameter("processed", events.ConvertAll(e => e.ProcessedAt.UtcDateTime).ToArray());
        command.AddParameter("sequences", events.ConvertAll(e => e.Sequence).ToArray());
        command.AddParameter("documents", events.ConvertAll(e => e.Json).ToArray());
        command.AddParameter("partitions", events.ConvertAll(e => e.Source.Partition).ToArray());
        command.AddParameter("offsets", events.ConvertAll(e => e.Source.Offset).ToArray());

        var inserted = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            inserted.Add(reader.GetGuid(0));
        return inserted;
    }

    /// <summary>
    /// SQLite: one prepared single-row statement run per event inside one transaction. SQLite is in process,
    /// so a row costs no round trip; one statement with ten parameters per row would instead have every
    /// parameter looked up by name among thousands (quadratic in the batch size).
    /// </summary>
    private async Task<HashSet<Guid>> InsertRowByRowAsync(List<StoredEvent> events)
    {
        await using var connection = await _database.OpenConnectionAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            INSERT INTO analytics_events ({Columns})
            VALUES (@id, @user, @type, @occurred, @received, @processed, @sequence, @document, @partition, @offset)
            ON CONFLICT (event_id) DO NOTHING
            """;
        var id = command.AddParameter("id", "");
        var user = command.AddParameter("user", "");
        var type = command.AddParameter("type", "");
        var occurred = command.AddParameter("occurred", "");
        var received = command.AddParameter("received", "");
        var processed = command.AddParameter("processed", "");
        var sequence = command.AddParameter("sequence", 0L);
        var document = command.AddParameter("document", "");
        var partition = command.AddParameter("partition", 0);
        var offset = command.AddParameter("offset", 0L);
        await command.PrepareAsync();

        var inserted = new HashSet<Guid>();
        foreach (var e in events)
        {
            id.Value = IdValue(e.EventId);
            user.Value = e.UserId;
            type.Value = e.EventType;
            occurred.Value = SqliteTime(e.Timestamp);
            received.Value = SqliteTime(e.ReceivedAt);
            processed.Value = SqliteTime(e.ProcessedAt);
            sequence.Value = e.Sequence;
            document.Value = e.Json;
            partition.Value = e.Source.Partition;
            offset.Value = e.Source.Offset;
            // SQLite runs in this thread anyway: the synchronous call skips a state machine per row.
            if (command.ExecuteNonQuery() == 1)
                inserted.Add(e.EventId);
        }
        await transaction.CommitAsync();
        return inserted;
    }

    public async Task<IReadOnlyDictionary<Guid, StoredRow>> FindStoredAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
    {
        var rows = new Dictionary<Guid, StoredRow>();
        if (ids.Count == 0) return rows;

        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // One parameter for the whole list: an array on PostgreSQL, a JSON array on SQLite.
        if (IsPostgres)
        {
            command.CommandText = "SELECT event_id, source_partition, source_offset, document::text FROM analytics_events WHERE event_id = ANY(@ids)";
            command.AddParameter("ids", ids.ToArray());
        }
        else
        {
            command.CommandText = "SELECT event_id, source_partition, source_offset, document FROM analytics_events WHERE event_id IN (SELECT value FROM json_each(@ids))";
            command.AddParameter("ids", JsonSerializer.Serialize(ids));
        }
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows[reader.GetValue(0) is Guid id ? id : Guid.Parse(reader.GetString(0))] = new StoredRow(
                new MessagePosition(Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture)),
                reader.GetString(3));
        }

        return rows;
    }

    private bool IsPostgres => _database.Dialect == SqlDialect.PostgreSql;
    private string IdCast => IsPostgres ? "::uuid" : "";
    private string TextCast => IsPostgres ? "::text" : "";

    // SQLite has no uuid or timestamp types: ids and times are stored as canonical text.
    private object IdValue(Guid id) => IsPostgres ? id : id.ToString("D");
    private static string SqliteTime(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);



    private sealed record PendingWrite(IReadOnlyList<StoredEvent> Events, TaskCompletionSource<IReadOnlyList<StoreOutcome>> Done);
}
