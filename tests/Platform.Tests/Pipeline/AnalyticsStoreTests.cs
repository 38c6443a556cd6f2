using Grains.Interfaces.Pipeline;
using Grains.Pipeline;
using Silo.Analytics;
using Silo.Persistence;

namespace Platform.Tests.Pipeline;

public sealed class AnalyticsStoreTests
{
    public static TheoryData<string> Dialects => [nameof(SqlDialect.PostgreSql), nameof(SqlDialect.Sqlite)];

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task Stores_each_event_once_and_reads_it_back(string dialect)
    {
        using var folder = new TempDirectory();
        await using var store = await CreateAsync(Enum.Parse<SqlDialect>(dialect), folder);
        var first = Event("alice", 1);

        Assert.Equal([StoreOutcome.Inserted], await store.StoreAsync([first]));
        Assert.Equal([StoreOutcome.Redelivered], await store.StoreAsync([first with { Sequence = 9 }]));
        Assert.Equal([StoreOutcome.Duplicate], await store.StoreAsync([first with { Source = new MessagePosition(0, 99) }]));

        var document = await store.FindAsync(first.EventId);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(first.Document), document?.Replace(" ", ""));
        Assert.Null(await store.FindAsync(Guid.NewGuid()));
        Assert.Equal(1, await store.LastSequenceAsync("alice"));
        Assert.Equal(0, await store.LastSequenceAsync("nobody"));
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task Concurrent_writes_of_one_id_create_one_row(string dialect)
    {
        using var folder = new TempDirectory();
        await using var store = await CreateAsync(Enum.Parse<SqlDialect>(dialect), folder);
        var events = Enumerable.Range(1, 200).Select(i => Event("bob", i)).ToList();
        // Every event twice, all at once: each pair lands in one batch or in two.
        var results = (await Task.WhenAll(events.Concat(events).Select(e => store.StoreAsync([e])))).SelectMany(r => r).ToList();

        Assert.Equal(200, results.Count(outcome => outcome == StoreOutcome.Inserted));
        Assert.Equal(200, results.Count(outcome => outcome == StoreOutcome.Redelivered));
        Assert.Equal(200, await store.LastSequenceAsync("bob"));
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task A_batch_answers_for_each_event_in_order_and_finds_what_is_stored(string dialect)
    {
        using var folder = new TempDirectory();
        await using var store = await CreateAsync(Enum.Parse<SqlDialect>(dialect), folder);
        var (first, second) = (Event("carol", 1), Event("carol", 2));

        var outcomes = await store.StoreAsync([first, second, first, first with { Source = new MessagePosition(3, 7) }]);

        Assert.Equal([StoreOutcome.Inserted, StoreOutcome.Inserted, StoreOutcome.Redelivered, StoreOutcome.Duplicate], outcomes);
        var found = await store.FindStoredAsync([first.EventId, Guid.NewGuid()]);
        var row = Assert.Single(found);
        Assert.Equal(first.EventId, row.Key);
        Assert.Equal(first.Source, row.Value.Source);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(first.Document), row.Value.Json.Replace(" ", ""));
        Assert.Empty(await store.StoreAsync([]));
    }

    private static StoredEvent Event(string user, long sequence)
    {
        var id = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        return new(id, user, "user_action", now, now, now, sequence, System.Text.Encoding.UTF8.GetBytes($"{{\"event_id\":\"{id}\",\"sequence\":{sequence}}}"),
            new MessagePosition(0, sequence));
    }

    private static async Task<SqlAnalyticsStore> CreateAsync(SqlDialect dialect, TempDirectory folder)
    {
        var database = dialect == SqlDialect.PostgreSql
            ? new PlatformDatabase(dialect, await PostgresServer.CreateDatabaseAsync())
            : new PlatformDatabase(dialect, $"Data Source={Path.Combine(folder.Path, "a.db")}");
        await using (var connection = database.CreateConnection())
            await SqlScripts.ApplyAsync(connection, dialect, CancellationToken.None);
        return new SqlAnalyticsStore(database, new SqliteWriteGate(database));
    }
}
