using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Grains.Pipeline;
using Microsoft.Data.Sqlite;
using Silo.Persistence;
using SQLitePCL;

namespace Silo.Analytics;

/// <summary>SQLite has no uuid or timestamp types: ids and times are stored as canonical text.</summary>
internal sealed class SqliteAnalyticsDialect(PlatformDatabase database) : AnalyticsDialect(database)
{
    /// <summary>
    /// One prepared single-row statement run per event inside one transaction. SQLite is in process, so a row
    /// costs no round trip; one statement with ten parameters per row would instead have every parameter looked
    /// up by name among thousands (quadratic in the batch size). The statement is SQLite's own, bound and stepped
    /// through SQLitePCL directly: Microsoft.Data.Sqlite's command made a binder object per parameter, a UTF-8 copy of
    /// every string and a data reader per row, the largest allocation of the pipeline's profile
    /// (docs/benchmarks.md, "Twenty-seventh"). Ids and times are formatted on the stack and bound as text (SQLite
    /// copies them), the document is bound as the UTF-8 bytes enrichment wrote and cast to text in SQL.
    /// </summary>
    public override async Task<HashSet<Guid>> InsertAsync(List<StoredEvent> events)
    {
        await using var connection = (SqliteConnection)await Database.OpenConnectionAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        var inserted = new HashSet<Guid>(events.Count);
        var db = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(db, InsertSql, out var statement), db);
        using (statement)
        {
            foreach (var e in events)
            {
                // A value that failed to bind would leave the previous row's in its place: each is checked.
                Check(BindText(statement, 1, e.EventId), db);
                Check(raw.sqlite3_bind_text16(statement, 2, e.UserId), db);
                Check(raw.sqlite3_bind_text16(statement, 3, e.EventType), db);
                Check(BindText(statement, 4, e.Timestamp), db);
                Check(BindText(statement, 5, e.ReceivedAt), db);
                Check(BindText(statement, 6, e.ProcessedAt), db);
                Check(raw.sqlite3_bind_int64(statement, 7, e.Sequence), db);
                Check(raw.sqlite3_bind_blob(statement, 8, e.Document), db);
                Check(raw.sqlite3_bind_int(statement, 9, e.Source.Partition), db);
                Check(raw.sqlite3_bind_int64(statement, 10, e.Source.Offset), db);
                var stepped = raw.sqlite3_step(statement);
                if (stepped != raw.SQLITE_DONE) Check(stepped, db);
                if (raw.sqlite3_changes(db) == 1)
                    inserted.Add(e.EventId);
                raw.sqlite3_reset(statement);
            }
        }
        await transaction.CommitAsync();
        return inserted;
    }

    private const string InsertSql = $"""
        INSERT INTO analytics_events ({Columns})
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, CAST(?8 AS TEXT), ?9, ?10)
        ON CONFLICT (event_id) DO NOTHING
        """;

    private static void Check(int result, sqlite3 db)
    {
        if (result != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(result, db);
    }

    /// <summary>The id as <see cref="Text(Guid)"/> writes it, without a string.</summary>
    private static int BindText(sqlite3_stmt statement, int index, Guid id)
    {
        Span<char> text = stackalloc char[36];
        id.TryFormat(text, out var length, "D");
        return raw.sqlite3_bind_text16(statement, index, text[..length]);
    }

    /// <summary>The time in UTC, round-trip format ("O"), as every time of the table is stored.</summary>
    private static int BindText(sqlite3_stmt statement, int index, DateTimeOffset time)
    {
        Span<char> text = stackalloc char[40];
        time.UtcDateTime.TryFormat(text, out var length, "O", CultureInfo.InvariantCulture);
        return raw.sqlite3_bind_text16(statement, index, text[..length]);
    }

    protected override string FindStoredSql =>
        "SELECT event_id, source_partition, source_offset, document FROM analytics_events WHERE event_id IN (SELECT value FROM json_each(@ids))";

    protected override string FindDocumentSql => "SELECT document FROM analytics_events WHERE event_id = @id";

    /// <summary>A JSON array, read by <c>json_each</c>.</summary>
    protected override object IdList(IReadOnlyCollection<Guid> ids) => JsonSerializer.Serialize(ids);

    protected override object IdValue(Guid id) => Text(id);

    protected override Guid ReadId(DbDataReader reader, int ordinal) => Guid.Parse(reader.GetString(ordinal));

    private static string Text(Guid id) => id.ToString("D");
}
