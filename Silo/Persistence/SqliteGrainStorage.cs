using System.Globalization;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Orleans.Storage;

namespace Silo.Persistence;

/// <summary>
/// Grain storage of the embedded default (SQLite), with group commit. Orleans' ADO.NET storage commits each write
/// in a transaction of its own through a connection taken from the pool; since SQLite has one writer, those
/// commits queued one behind the other at the <see cref="SqliteWriteGate"/>, each paying for its own WAL sync and
/// its connection's cold page cache. Here every write waiting at a given moment goes out in one transaction on one
/// long-lived connection: one sync for all of them, each write still conditional on its own version (ETag), so a
/// stale one fails alone with <see cref="InconsistentStateException"/> and the others commit.
/// State lives in the <c>GrainState</c> table; a grain with no row there yet is read from the table Orleans'
/// storage kept (<c>OrleansStorage</c>, read through <paramref name="legacy"/>), so data written before this
/// storage existed is found, and its first write moves it over.
/// </summary>
internal sealed partial class SqliteGrainStorage(
    string name,
    IGrainStorage legacy,
    IGrainStorageSerializer serializer,
    PlatformDatabase database,
    SqliteWriteGate gate,
    WriteLane lane,
    string serviceId,
    TimeProvider clock,
    ILogger<SqliteGrainStorage> logger) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable
{
    /// <summary>Writes per transaction at most, so one commit never holds the database for long.</summary>
    private const int GroupLimit = 256;

    /// <summary>An ETag of a version read from <c>OrleansStorage</c>: the grain has no row in <c>GrainState</c> yet.</summary>
    private const string LegacyPrefix = "orleans-storage:";

    private readonly Channel<PendingWrite> _writes = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _starting = new();
    private Task? _writer;
    private SqliteConnection? _connection;

    /// <summary>Orleans' storage over <c>OrleansStorage</c>, read for grains not yet in <c>GrainState</c>.</summary>
    internal IGrainStorage Legacy => legacy;

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using (var connection = (SqliteConnection)await database.OpenConnectionAsync())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT Payload, Version FROM GrainState WHERE ServiceId = $service AND StateName = $state AND GrainId = $grain";
            BindKey(command, stateName, grainId);
            await using var reader = await command.ExecuteReaderAsync();
            if (await reader.ReadAsync())
            {
                var payload = reader.IsDBNull(0) ? null : (byte[])reader.GetValue(0);
                grainState.ETag = reader.GetInt64(1).ToString(CultureInfo.InvariantCulture);
                grainState.RecordExists = payload is not null;
                grainState.State = payload is null ? Activator.CreateInstance<T>() : serializer.Deserialize<T>(new BinaryData(payload));
                return;
            }
        }

        await legacy.ReadStateAsync(stateName, grainId, grainState);
        if (grainState.ETag is { } version) grainState.ETag = LegacyPrefix + version;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = serializer.Serialize(grainState.State).ToArray();
        grainState.ETag = await EnqueueAsync(stateName, grainId, payload, grainState.ETag);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        grainState.ETag = await EnqueueAsync(stateName, grainId, null, grainState.ETag);
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }

    public void Participate(ISiloLifecycle lifecycle) => (legacy as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    public async ValueTask DisposeAsync()
    {
        _writes.Writer.TryComplete();
        if (_writer is { } writer) await writer;
        if (_connection is { } connection) await connection.DisposeAsync();
    }

    private Task<string> EnqueueAsync(string stateName, GrainId grainId, byte[]? payload, string? etag)
    {
        var write = new PendingWrite(stateName, grainId, payload, etag);
        if (!_writes.Writer.TryWrite(write)) throw new ObjectDisposedException(name, "The grain storage is shut down.");
        if (Volatile.Read(ref _writer) is null)
        {
            lock (_starting) _writer ??= Task.Run(WriteLoopAsync);
        }
        return write.Done.Task;
    }

    private async Task WriteLoopAsync()
    {
        var group = new List<PendingWrite>(GroupLimit);
        while (await _writes.Reader.WaitToReadAsync())
        {
            while (group.Count < GroupLimit && _writes.Reader.TryRead(out var write)) group.Add(write);
            try
            {
                await gate.RunAsync(() => CommitAsync(group), lane);
            }
            catch (Exception ex)
            {
                // The transaction was rolled back: none of the group is stored, each caller hears so.
                LogGroupFailed(ex, name, group.Count);
                foreach (var write in group) write.Done.TrySetException(ex);
                // A connection that failed may be broken: the next group opens a fresh one.
                if (_connection is { } failed) await failed.DisposeAsync();
                _connection = null;
            }

            group.Clear();
        }
    }

    private async Task CommitAsync(List<PendingWrite> group)
    {
        var connection = await WriterAsync();
        var versions = new long?[group.Count];
        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync())
        {
            await using var update = Command(connection, transaction, """
                UPDATE GrainState SET Payload = $payload, Version = Version + 1, ModifiedOn = $now
                 WHERE ServiceId = $service AND StateName = $state AND GrainId = $grain AND Version = $expected
                RETURNING Version
                """);
            await using var insert = Command(connection, transaction, """
                INSERT INTO GrainState (ServiceId, StateName, GrainId, Payload, Version, ModifiedOn)
                VALUES ($service, $state, $grain, $payload, $expected + 1, $now)
                ON CONFLICT DO NOTHING
                RETURNING Version
                """);
            var now = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
            for (var i = 0; i < group.Count; i++)
            {
                var write = group[i];
                // No row in GrainState yet (a first write, or a grain read from OrleansStorage): insert, expecting
                // nobody else did; else update, expecting the version the grain read.
                var (command, expected) = write.ETag switch
                {
                    null => (insert, 0L),
                    var etag when etag.StartsWith(LegacyPrefix, StringComparison.Ordinal) => (insert, long.Parse(etag[LegacyPrefix.Length..], CultureInfo.InvariantCulture)),
                    var etag => (update, long.Parse(etag, CultureInfo.InvariantCulture)),
                };
                command.Parameters["$service"].Value = serviceId;
                command.Parameters["$state"].Value = write.StateName;
                command.Parameters["$grain"].Value = write.GrainId.ToString();
                command.Parameters["$payload"].Value = (object?)write.Payload ?? DBNull.Value;
                command.Parameters["$expected"].Value = expected;
                command.Parameters["$now"].Value = now;
                versions[i] = await command.ExecuteScalarAsync() is long version ? version : null;
            }

            await transaction.CommitAsync();
        }

        for (var i = 0; i < group.Count; i++)
        {
            var write = group[i];
            if (versions[i] is { } version)
            {
                write.Done.TrySetResult(version.ToString(CultureInfo.InvariantCulture));
                continue;
            }

            write.Done.TrySetException(new InconsistentStateException(
                $"Version conflict writing state '{write.StateName}' of {write.GrainId}: expected {write.ETag ?? "no stored state"}.",
                "unknown", write.ETag ?? ""));
        }
    }

    private async Task<SqliteConnection> WriterAsync()
    {
        if (_connection is { } open) return open;
        var connection = (SqliteConnection)await database.OpenConnectionAsync();
        return _connection = connection;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string text)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        foreach (var parameter in new[] { "$service", "$state", "$grain", "$payload", "$expected", "$now" })
            command.Parameters.Add(new SqliteParameter(parameter, null));
        return command;
    }

    private void BindKey(SqliteCommand command, string stateName, GrainId grainId)
    {
        command.Parameters.AddWithValue("$service", serviceId);
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$grain", grainId.ToString());
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Grain storage {Storage}: a group of {Count} writes was rolled back.")]
    private partial void LogGroupFailed(Exception exception, string storage, int count);

    private sealed record PendingWrite(string StateName, GrainId GrainId, byte[]? Payload, string? ETag)
    {
        public TaskCompletionSource<string> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
