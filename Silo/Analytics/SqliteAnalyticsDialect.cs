using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Grains.Pipeline;
using Silo.Persistence;

namespace Silo.Analytics;

/// <summary>SQLite has no uuid or timestamp types: ids and times are stored as canonical text.</summary>
internal sealed class SqliteAnalyticsDialect(PlatformDatabase database) : AnalyticsDialect(database)
{
    /// <summary>
    /// One prepared single-row statement run per event inside one transaction. SQLite is in process, so a row
    /// costs no round trip; one statement with ten parameters per row would instead have every parameter looked
    /// up by name among thousands (quadratic in the batch size). The document is bound as the UTF-8 bytes enrichment
    /// wrote and cast to text in SQL, which reads the bytes as the database's UTF-8: no string in between.
    /// </summary>
    public override async Task<HashSet<Guid>> InsertAsync(List<StoredEvent> events)
    {
        await using var connection = await Database.OpenConnectionAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            INSERT INTO analytics_events ({Columns})
            VALUES (@id, @user, @type, @occurred, @received, @processed, @sequence, CAST(@document AS TEXT), @partition, @offset)
            ON CONFLICT (event_id) DO NOTHING
            """;
        var id = command.AddParameter("id", "");
        var user = command.AddParameter("user", "");
        var type = command.AddParameter("type", "");
        var occurred = command.AddParameter("occurred", "");
        var received = command.AddParameter("received", "");
        var processed = command.AddParameter("processed", "");
        var sequence = command.AddParameter("sequence", 0L);
        var document = command.AddParameter("document", Array.Empty<byte>());
        var partition = command.AddParameter("partition", 0);
        var offset = command.AddParameter("offset", 0L);
        await command.PrepareAsync();

        var inserted = new HashSet<Guid>();
        foreach (var e in events)
        {
            id.Value = IdValue(e.EventId);
            user.Value = e.UserId;
            type.Value = e.EventType;
            occurred.Value = Text(e.Timestamp);
            received.Value = Text(e.ReceivedAt);
            processed.Value = Text(e.ProcessedAt);
            sequence.Value = e.Sequence;
            document.Value = e.Document;
            partition.Value = e.Source.Partition;
            offset.Value = e.Source.Offset;
            // SQLite runs in this thread anyway: the synchronous call skips a state machine per row.
            if (command.ExecuteNonQuery() == 1)
                inserted.Add(e.EventId);
        }
        await transaction.CommitAsync();
        return inserted;
    }

    protected override string FindStoredSql =>
        "SELECT event_id, source_partition, source_offset, document FROM analytics_events WHERE event_id IN (SELECT value FROM json_each(@ids))";

    protected override string FindDocumentSql => "SELECT document FROM analytics_events WHERE event_id = @id";

    /// <summary>A JSON array, read by <c>json_each</c>.</summary>
    protected override object IdList(IReadOnlyCollection<Guid> ids) => JsonSerializer.Serialize(ids);

    protected override object IdValue(Guid id) => Text(id);

    protected override Guid ReadId(DbDataReader reader, int ordinal) => Guid.Parse(reader.GetString(ordinal));

    private static string Text(Guid id) => id.ToString("D");

    private static string Text(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
