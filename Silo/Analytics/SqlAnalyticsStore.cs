using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Grains.Interfaces.Pipeline;
using Grains.Pipeline;
using Silo.Persistence;

namespace Silo.Analytics;

/// <summary>
/// The analytics store on the platform database. Writes are group-committed: every event waiting when the
/// writer comes round goes into one multi-row INSERT, so the cost of a round trip is shared by the batch
/// and the batch grows with the load.
/// </summary>
internal sealed class SqlAnalyticsStore : IAnalyticsStore, IAsyncDisposable
{
    private const int MaxBatch = 500;

    private readonly PlatformDatabase _database;
    private readonly Channel<PendingWrite> _pending = Channel.CreateUnbounded<PendingWrite>(new() { SingleReader = true });
    private readonly Task _writer;

    public SqlAnalyticsStore(PlatformDatabase database)
    {
        _database = database;
        _writer = Task.Run(WriteLoopAsync);
    }

    public async Task<StoreOutcome> StoreAsync(StoredEvent storedEvent, CancellationToken cancellationToken = default)
    {
        var pending = new PendingWrite(storedEvent, new(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_pending.Writer.TryWrite(pending))
            throw new ObjectDisposedException(nameof(SqlAnalyticsStore));
        return await pending.Done.Task.WaitAsync(cancellationToken);
    }

    public async Task<long> LastSequenceAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(sequence), 0) FROM analytics_events WHERE user_id = @user";
        Add(command, "user", userId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public async Task<string?> FindAsync(Guid eventId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT document{TextCast} FROM analytics_events WHERE event_id = @id{IdCast}";
        Add(command, "id", IdValue(eventId));
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        while (await _pending.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var next))
                batch.Add(next);
            try
            {
                var inserted = await InsertAsync(batch);
                // Rows this batch did not insert were there before; ids it did insert came from their first writer here.
                var sources = await SourcesOfAsync(batch.Select(w => w.Event.EventId).Where(id => !inserted.Contains(id)).Distinct().ToList());
                foreach (var write in batch)
                {
                    var e = write.Event;
                    var outcome = sources.TryAdd(e.EventId, e.Source) && inserted.Contains(e.EventId) ? StoreOutcome.Inserted
                        : sources[e.EventId] == e.Source ? StoreOutcome.Redelivered
                        : StoreOutcome.Duplicate;
                    write.Done.TrySetResult(outcome);
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

    private async Task<HashSet<Guid>> InsertAsync(List<PendingWrite> batch)
    {
        await using var connection = await OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder(
            "INSERT INTO analytics_events (event_id, user_id, event_type, occurred_at, received_at, processed_at, sequence, document, source_partition, source_offset) VALUES ");
        for (var i = 0; i < batch.Count; i++)
        {
            var e = batch[i].Event;
            if (i > 0) sql.Append(',');
            sql.Append(CultureInfo.InvariantCulture,
                $"(@i{i}{IdCast}, @u{i}, @t{i}, @o{i}{TimeCast}, @r{i}{TimeCast}, @p{i}{TimeCast}, @s{i}, @d{i}{JsonCast}, @sp{i}, @so{i})");
            Add(command, $"i{i}", IdValue(e.EventId));
            Add(command, $"u{i}", e.UserId);
            Add(command, $"t{i}", e.EventType);
            Add(command, $"o{i}", TimeValue(e.Timestamp));
            Add(command, $"r{i}", TimeValue(e.ReceivedAt));
            Add(command, $"p{i}", TimeValue(e.ProcessedAt));
            Add(command, $"s{i}", e.Sequence);
            Add(command, $"d{i}", e.Json);
            Add(command, $"sp{i}", e.Source.Partition);
            Add(command, $"so{i}", e.Source.Offset);
        }
        sql.Append(" ON CONFLICT (event_id) DO NOTHING RETURNING event_id");
        command.CommandText = sql.ToString();

        var inserted = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            inserted.Add(reader.GetValue(0) is Guid id ? id : Guid.Parse(reader.GetString(0)));
        return inserted;
    }

    /// <summary>Where the already stored rows of these ids came from.</summary>
    private async Task<Dictionary<Guid, MessagePosition>> SourcesOfAsync(List<Guid> ids)
    {
        var sources = new Dictionary<Guid, MessagePosition>();
        if (ids.Count == 0) return sources;

        await using var connection = await OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        var names = ids.Select((id, i) => { Add(command, $"i{i}", IdValue(id)); return $"@i{i}{IdCast}"; });
        command.CommandText = $"SELECT event_id, source_partition, source_offset FROM analytics_events WHERE event_id IN ({string.Join(',', names)})";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            sources[reader.GetValue(0) is Guid id ? id : Guid.Parse(reader.GetString(0))] =
                new MessagePosition(Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture));
        return sources;
    }

    private bool IsPostgres => _database.Dialect == SqlDialect.PostgreSql;
    private string IdCast => IsPostgres ? "::uuid" : "";
    private string TimeCast => IsPostgres ? "::timestamptz" : "";
    private string JsonCast => IsPostgres ? "::jsonb" : "";
    private string TextCast => IsPostgres ? "::text" : "";

    // SQLite has no uuid or timestamp types: ids and times are stored as canonical text.
    private object IdValue(Guid id) => IsPostgres ? id : id.ToString("D");
    private object TimeValue(DateTimeOffset time) => IsPostgres ? time.UtcDateTime : time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = _database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private sealed record PendingWrite(StoredEvent Event, TaskCompletionSource<StoreOutcome> Done);
}
