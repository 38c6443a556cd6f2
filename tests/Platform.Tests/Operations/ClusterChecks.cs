using System.Net.Http.Headers;
using Npgsql;

namespace Platform.Tests.Operations;

/// <summary>What the end-to-end runs verify once the load is over.</summary>
public static class ClusterChecks
{
    /// <summary>How many of <paramref name="ids"/> the analytics store holds, and how many rows it holds in all.</summary>
    public static async Task<(int Stored, long Rows)> CountStoredAsync(string connectionString, IReadOnlyCollection<Guid> ids)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM analytics_events WHERE event_id = ANY(@ids)), (SELECT count(*) FROM analytics_events)", connection);
        command.Parameters.AddWithValue("ids", ids.ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return ((int)reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Counts as <see cref="CountStoredAsync"/> until every id is stored; fails, with the last counts, when <paramref name="timeout"/> passes first.</summary>
    public static async Task<(int Stored, long Rows)> WaitStoredAsync(string connectionString, IReadOnlyCollection<Guid> ids, TimeSpan timeout)
    {
        var last = (Stored: 0, Rows: 0L);
        await Eventually.True(async () => (last = await CountStoredAsync(connectionString, ids)).Stored >= ids.Count, timeout,
            () => $"{last.Stored} of {ids.Count} accepted events stored ({ids.Count - last.Stored} lost), {last.Rows} rows in all");
        return last;
    }

    /// <summary>The ids under <paramref name="path"/> that do not answer 200 to their owner's token.</summary>
    public static async Task<List<string>> UnreadableAsync(Uri api, string path, IEnumerable<KeyValuePair<string, string>> owned)
    {
        using var http = new HttpClient { BaseAddress = api };
        var missing = new List<string>();
        foreach (var (id, token) in owned)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{path}/{id}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.OK) missing.Add($"{id}: {(int)response.StatusCode}");
        }
        return missing;
    }
}
