using System.Data.Common;
using System.Text;
using Grains.Pipeline;
using Silo.Persistence;

namespace Silo.Analytics;

internal sealed class PostgresAnalyticsDialect(PlatformDatabase database) : AnalyticsDialect(database)
{
    /// <summary>
    /// One statement whose ten parameters are column arrays, so its text and plan are the same for every batch
    /// size (a multi-row VALUES list would need ten parameters per row).
    /// </summary>
    public override async Task<HashSet<Guid>> InsertAsync(List<StoredEvent> events)
    {
        await using var connection = await Database.OpenConnectionAsync(CancellationToken.None);
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
        command.AddParameter("documents", events.ConvertAll(e => Encoding.UTF8.GetString(e.Document)).ToArray());
        command.AddParameter("partitions", events.ConvertAll(e => e.Source.Partition).ToArray());
        command.AddParameter("offsets", events.ConvertAll(e => e.Source.Offset).ToArray());

        var inserted = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            inserted.Add(reader.GetGuid(0));
        return inserted;
    }

    protected override string FindStoredSql =>
        "SELECT event_id, source_partition, source_offset, document::text FROM analytics_events WHERE event_id = ANY(@ids)";

    protected override string FindDocumentSql => "SELECT document::text FROM analytics_events WHERE event_id = @id";

    protected override object IdList(IReadOnlyCollection<Guid> ids) => ids.ToArray();

    protected override object IdValue(Guid id) => id;

    protected override Guid ReadId(DbDataReader reader, int ordinal) => reader.GetGuid(ordinal);
}
