using System.Data.Common;
using System.Globalization;
using Grains.Interfaces.Pipeline;
using Grains.Pipeline;
using Silo.Persistence;

namespace Silo.Analytics;

/// <summary>The analytics table's statements in one database's dialect; <see cref="For"/> picks the platform database's.</summary>
internal abstract class AnalyticsDialect(PlatformDatabase database)
{
    protected const string Columns =
        "event_id, user_id, event_type, occurred_at, received_at, processed_at, sequence, document, source_partition, source_offset";

    protected PlatformDatabase Database { get; } = database;

    public static AnalyticsDialect For(PlatformDatabase database) => database.Dialect == SqlDialect.PostgreSql
        ? new PostgresAnalyticsDialect(database)
        : new SqliteAnalyticsDialect(database);

    /// <summary>Inserts the events in one transaction, each unless its id is there; returns the ids it inserted.</summary>
    public abstract Task<HashSet<Guid>> InsertAsync(List<StoredEvent> events);

    /// <summary>Selects event_id, source_partition, source_offset and the document as text of the rows whose id is in <c>@ids</c>.</summary>
    protected abstract string FindStoredSql { get; }

    /// <summary>Selects the document as text of the row whose id is <c>@id</c>.</summary>
    protected abstract string FindDocumentSql { get; }

    /// <summary>The value of <c>@ids</c>: the whole list as one parameter.</summary>
    protected abstract object IdList(IReadOnlyCollection<Guid> ids);

    protected abstract object IdValue(Guid id);

    protected abstract Guid ReadId(DbDataReader reader, int ordinal);

    /// <summary>The rows stored under any of these ids.</summary>
    public async Task<Dictionary<Guid, StoredRow>> FindStoredAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<Guid, StoredRow>();
        if (ids.Count == 0) return rows;
        await using var connection = await Database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = FindStoredSql;
        command.AddParameter("ids", IdList(ids));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows[ReadId(reader, 0)] = new StoredRow(new MessagePosition(reader.GetInt32(1), reader.GetInt64(2)), reader.GetString(3));
        return rows;
    }

    /// <summary>The stored document of one event, or null.</summary>
    public async Task<string?> FindDocumentAsync(Guid eventId, CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = FindDocumentSql;
        command.AddParameter("id", IdValue(eventId));
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task<long> EraseUserAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        if (Guid.TryParse(userId, out var id))
        {
            // Enrichment links "D", "N", "B" and "P" spellings of any case to the user: so does erasure.
            string[] spellings = [.. new[] { "D", "N", "B", "P" }.Select(format => id.ToString(format, CultureInfo.InvariantCulture))];
            command.CommandText = $"DELETE FROM analytics_events WHERE user_id = @exact OR lower(trim(user_id)) IN ({string.Join(", ", spellings.Select((_, i) => $"@s{i}"))})";
            for (var i = 0; i < spellings.Length; i++)
                command.AddParameter($"s{i}", spellings[i]);
        }
        else
        {
            command.CommandText = "DELETE FROM analytics_events WHERE user_id = @exact";
        }
        command.AddParameter("exact", userId);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<long> LastSequenceAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(sequence), 0) FROM analytics_events WHERE user_id = @user";
        command.AddParameter("user", userId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }
}
