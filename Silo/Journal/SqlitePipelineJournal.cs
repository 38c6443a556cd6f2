using System.Threading.Channels;
using Grains;
using Grains.Interfaces.Pipeline;
using Grains.Pipeline;
using Microsoft.Data.Sqlite;
using Silo.Persistence;

namespace Silo.Journal;

/// <summary>
/// The pipeline journal: a SQLite database of its own beside the platform's (<see cref="FileName"/>), so its writes
/// never queue behind grain state and the analytics store at the one writer a SQLite file has, and the two commit
/// side by side. Appends are group-committed: every append (a request's events) waiting when the writer comes round
/// goes into one transaction (one fsync), so many requests at once share a commit. Sequence numbers are given out by the single writer, in the order the
/// appends arrived, so a key's messages are written back in the order they were first written.
/// </summary>
internal sealed class SqlitePipelineJournal : IPipelineJournal, IAsyncDisposable
{
    public const string FileName = "pipeline-journal.db";

    private const int MaxRowsPerCommit = 2_000;
    private static readonly JournalAdmission Recovering =
        new(false, "The pipeline is still writing back the events it accepted before its last stop.", TimeSpan.FromSeconds(1));

    private readonly PlatformDatabase _database;
    // Its writers, the append loop and the trim, pass a gate of its own: one at a time, waiting asynchronously.
    private readonly SqliteWriteGate _writeGate;
    private readonly Channel<PendingAppend> _appends = Channel.CreateUnbounded<PendingAppend>(new() { SingleReader = true });
    private readonly Lock _lock = new();
    // The first sequence of each batch appended but not yet produced to Kafka: trimming must not pass the oldest.
    private readonly SortedSet<long> _unsettled = [];
    private readonly ChangeSignal _settling = new();
    private long _lastSequence, _appendedBytes, _appendedRows;
    private bool _recovered;
    private Task? _writer;

    public SqlitePipelineJournal(PlatformDatabase platform)
    {
        _database = platform with { ConnectionString = BesidePlatformDatabase(platform) };
        _writeGate = new SqliteWriteGate(_database);
    }

    public JournalAdmission Admission { get; private set; } = Recovering;

    public bool IsRecovered
    {
        get { lock (_lock) return _recovered; }
    }

    /// <summary>The average size of a journaled message, to turn a consumer lag in messages into bytes.</summary>
    public long AverageMessageBytes
    {
        get { lock (_lock) return _appendedRows == 0 ? 1_024 : _appendedBytes / _appendedRows; }
    }

    /// <summary>
    /// Every message at or below this sequence was produced to Kafka before the call: a watermark read after it
    /// lies above all of them. Zero until what the previous run left has been written back.
    /// </summary>
    public long SettledThrough
    {
        get
        {
            lock (_lock)
                return !_recovered ? 0 : _unsettled.Count > 0 ? _unsettled.Min - 1 : _lastSequence;
        }
    }

    public bool Covers(string topic) => topic is PipelineTopics.Raw or PipelineTopics.DeadLetter;

    public Task<long> AppendAsync(string topic, IReadOnlyList<KafkaMessage> messages)
    {
        var append = new PendingAppend(topic, messages, new(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_appends.Writer.TryWrite(append))
            throw new ObjectDisposedException(nameof(SqlitePipelineJournal));
        return append.Done.Task;
    }

    public void Settled(long first)
    {
        lock (_lock) _unsettled.Remove(first);
        _settling.Changed();
    }

    /// <summary>Completes when a batch settles after the call, or at once when <paramref name="pending"/> says one has.</summary>
    public Task NextSettledAsync(Func<bool> pending, CancellationToken cancellationToken) => _settling.NextAsync(pending, cancellationToken);

    /// <summary>
    /// Starts writing appends (they queue until then) and returns the last sequence the previous run left:
    /// the messages up to it are to be written back before new events are accepted.
    /// </summary>
    public async Task<long> OpenAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS pipeline_journal_appends
            (
                first_sequence INTEGER NOT NULL PRIMARY KEY,
                last_sequence  INTEGER NOT NULL,
                topic          TEXT    NOT NULL,
                messages       BLOB    NOT NULL
            );
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
        await MoveRowsOfEarlierLayoutAsync(connection, cancellationToken);
        command.CommandText = "SELECT COALESCE(MAX(last_sequence), 0) FROM pipeline_journal_appends";
        var last = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
        lock (_lock) _lastSequence = last;
        _writer = Task.Run(WriteLoopAsync, CancellationToken.None);
        return last;
    }

    /// <summary>What the previous run left is back in Kafka: new events may come in, and trimming may begin.</summary>
    public void MarkRecovered()
    {
        lock (_lock) _recovered = true;
        Admission = JournalAdmission.Open;
    }

    public void SetAdmission(JournalAdmission admission)
    {
        lock (_lock)
            if (_recovered) Admission = admission;
    }

    /// <summary>Up to <paramref name="limit"/> messages after <paramref name="after"/> and at most <paramref name="through"/>, in order.</summary>
    public async Task<IReadOnlyList<JournaledMessage>> ReadAsync(long after, long through, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT first_sequence, topic, messages FROM pipeline_journal_appends
            WHERE last_sequence > @after AND first_sequence <= @through ORDER BY first_sequence LIMIT @limit
            """;
        command.AddParameter("after", after);
        command.AddParameter("through", through);
        command.AddParameter("limit", limit);
        var messages = new List<JournaledMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (messages.Count < limit && await reader.ReadAsync(cancellationToken))
        {
            var (first, topic) = (reader.GetInt64(0), reader.GetString(1));
            foreach (var (index, message) in JournalAppendFormat.Read((byte[])reader.GetValue(2)).Index())
            {
                var sequence = first + index;
                if (sequence > after && sequence <= through && messages.Count < limit)
                    messages.Add(new(sequence, topic, message.Key, message.Value));
            }
        }
        return messages;
    }

    /// <summary>Forgets the topic's messages up to <paramref name="through"/>: their consumers have processed them.</summary>
    public Task<int> TrimAsync(string topic, long through) => _writeGate.RunAsync(async () =>
    {
        await using var connection = await _database.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        // Appends are settled whole, so a settled mark never falls inside one.
        command.CommandText = "DELETE FROM pipeline_journal_appends WHERE topic = @topic AND last_sequence <= @through";
        command.AddParameter("topic", topic);
        command.AddParameter("through", through);
        return await command.ExecuteNonQueryAsync();
    });

    /// <summary>Messages of the topic still kept: what a crash now would have written back.</summary>
    public async Task<long> CountAsync(string topic, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(SUM(last_sequence - first_sequence + 1), 0) FROM pipeline_journal_appends WHERE topic = @topic";
        command.AddParameter("topic", topic);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        _appends.Writer.TryComplete();
        if (_writer is { } writer) await writer;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingAppend>();
        while (await _appends.Reader.WaitToReadAsync())
        {
            // Whole appends only: a request's events are never split between transactions.
            var rows = 0;
            while (rows < MaxRowsPerCommit && _appends.Reader.TryRead(out var append))
            {
                batch.Add(append);
                rows += append.Messages.Count;
            }

            var firsts = new long[batch.Count];
            lock (_lock)
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    firsts[i] = _lastSequence + 1;
                    _lastSequence += batch[i].Messages.Count;
                    _unsettled.Add(firsts[i]);
                }
            }
            try
            {
                await _writeGate.RunAsync(() => InsertAsync(batch, firsts));
                lock (_lock)
                {
                    _appendedRows += rows;
                    foreach (var append in batch)
                        foreach (var message in append.Messages) _appendedBytes += message.Value.Length;
                }
                for (var i = 0; i < batch.Count; i++)
                    batch[i].Done.TrySetResult(firsts[i]);
            }
            catch (Exception exception)
            {
                lock (_lock)
                    foreach (var first in firsts) _unsettled.Remove(first);
                foreach (var append in batch)
                    append.Done.TrySetException(exception);
            }
            batch.Clear();
        }
    }

    /// <summary>
    /// One transaction, one row per append: a request's events travel as one value, so the commit costs a statement per
    /// request rather than per event (measured in docs/benchmarks.md, "Twenty-first").
    /// </summary>
    private async Task InsertAsync(List<PendingAppend> batch, long[] firsts)
    {
        await using var connection = await _database.OpenConnectionAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO pipeline_journal_appends (first_sequence, last_sequence, topic, messages)
            VALUES (@first, @last, @topic, @messages)
            """;
        var first = command.AddParameter("first", 0L);
        var last = command.AddParameter("last", 0L);
        var topic = command.AddParameter("topic", "");
        var messages = command.AddParameter("messages", Array.Empty<byte>());
        await command.PrepareAsync();
        for (var i = 0; i < batch.Count; i++)
        {
            first.Value = firsts[i];
            last.Value = firsts[i] + batch[i].Messages.Count - 1;
            topic.Value = batch[i].Topic;
            messages.Value = JournalAppendFormat.Write(batch[i].Messages);
            command.ExecuteNonQuery();
        }
        // SQLite's default synchronous=FULL: the commit returns once the write-ahead log is on disk.
        await transaction.CommitAsync();
    }

    /// <summary>
    /// A journal written before appends were kept whole had a row per message: its rows become one-message appends,
    /// in one transaction, so what a stop left behind is still written back.
    /// </summary>
    private static async Task MoveRowsOfEarlierLayoutAsync(System.Data.Common.DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'pipeline_journal'";
        if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken)) == 0) return;

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        command.Transaction = transaction;
        command.CommandText = "SELECT sequence, topic, message_key, value FROM pipeline_journal ORDER BY sequence";
        var rows = new List<(long Sequence, string Topic, KafkaMessage Message)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                rows.Add((reader.GetInt64(0), reader.GetString(1), new(reader.IsDBNull(2) ? null : reader.GetString(2), (byte[])reader.GetValue(3))));
        }
        command.CommandText = "INSERT INTO pipeline_journal_appends (first_sequence, last_sequence, topic, messages) VALUES (@sequence, @sequence, @topic, @messages)";
        var sequence = command.AddParameter("sequence", 0L);
        var topic = command.AddParameter("topic", "");
        var messages = command.AddParameter("messages", Array.Empty<byte>());
        foreach (var row in rows)
        {
            (sequence.Value, topic.Value, messages.Value) = (row.Sequence, row.Topic, JournalAppendFormat.Write([row.Message]));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        command.Parameters.Clear();
        command.CommandText = "DROP TABLE pipeline_journal";
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static string BesidePlatformDatabase(PlatformDatabase platform)
    {
        var builder = new SqliteConnectionStringBuilder(platform.ConnectionString);
        builder.DataSource = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(builder.DataSource))!, FileName);
        return builder.ConnectionString;
    }

    private sealed record PendingAppend(string Topic, IReadOnlyList<KafkaMessage> Messages, TaskCompletionSource<long> Done);
}

/// <summary>A message as the journal keeps it.</summary>
internal sealed record JournaledMessage(long Sequence, string Topic, string? Key, byte[] Value);
