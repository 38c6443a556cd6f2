using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Benchmarks.Hosting;

/// <summary>Reads the platform's analytics store directly: stored rows are the pipeline's finish line.</summary>
public sealed class AnalyticsRows(Func<DbConnection> connect, string versionQuery)
{
    public static AnalyticsRows Sqlite(string file) =>
        new(() => new SqliteConnection($"Data Source={file};Mode=ReadOnly"), "SELECT 'SQLite ' || sqlite_version()");

    public static AnalyticsRows Postgres(string connectionString) =>
        new(() => new NpgsqlConnection(connectionString), "SELECT 'PostgreSQL ' || current_setting('server_version')");

    public async Task<long> CountAsync()
    {
        try
        {
            return Convert.ToInt64(await ScalarAsync("SELECT COUNT(*) FROM analytics_events"), CultureInfo.InvariantCulture);
        }
        catch (DbException)
        {
            // The table appears with the first silo's schema install; until then nothing is stored.
            return 0;
        }
    }

    public async Task<string> VersionAsync() => Convert.ToString(await ScalarAsync(versionQuery), CultureInfo.InvariantCulture) ?? "?";

    /// <summary>Milliseconds from each event's client-set timestamp to its processed_at (the store write that follows is batched).</summary>
    public async Task<List<double>> LatenciesAsync(string eventType)
    {
        await using var connection = connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT occurred_at, processed_at FROM analytics_events WHERE event_type = '{eventType}'";
        await using var reader = await command.ExecuteReaderAsync();
        var latencies = new List<double>();
        while (await reader.ReadAsync())
            latencies.Add((Time(reader.GetValue(1)) - Time(reader.GetValue(0))).TotalMilliseconds);
        return latencies;
    }

    private static DateTimeOffset Time(object value) => value switch
    {
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        DateTimeOffset time => time,
        _ => DateTimeOffset.Parse(Convert.ToString(value, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
    };

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
