using System.Globalization;

namespace Benchmarks.Load;

/// <summary>Events as the contract shapes them, spread over many users, with a share of exact re-sends.</summary>
public static class EventBatches
{
    public const int BatchSize = 500;
    public const int Users = 1000;

    public const string Type = "user_action";

    /// <summary>The type of events whose latency is measured: the store is queried for it.</summary>
    public const string LatencyType = "benchmark.latency";

    public static string Event(Guid eventId, string userId, int n, DateTimeOffset timestamp, string type = Type) =>
        $$$"""{"event_id":"{{{eventId}}}","event_type":"{{{type}}}","timestamp":"{{{timestamp.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}}}","user_id":"{{{userId}}}","data":{"page":"/posts","n":{{{n}}}},"metadata":{"source":"benchmark","version":"1"}}""";

    /// <summary><paramref name="total"/> events, of which <paramref name="duplicateShare"/> repeat an earlier one exactly.</summary>
    public static (List<(string UserId, string Json)> Events, int Unique) WithDuplicates(string userPrefix, int total, double duplicateShare)
    {
        var random = new Random(42);
        var events = new List<(string UserId, string Json)>(total);
        var unique = 0;
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < total; i++)
        {
            if (unique > 0 && random.NextDouble() < duplicateShare)
            {
                events.Add(events[random.Next(events.Count)]);
                continue;
            }
            var userId = $"{userPrefix}{unique % Users}";
            events.Add((userId, Event(Guid.NewGuid(), userId, unique, now)));
            unique++;
        }
        return (events, unique);
    }

    public static string Batch(IEnumerable<string> events) => $$"""{"batch":[{{string.Join(',', events)}}]}""";
}
