using System.Text.Json.Nodes;

namespace Grains.Pipeline;

/// <summary>
/// Which dead letters a replay aims at; every part left out matches all. <paramref name="Reason"/> is found anywhere in
/// the letter's reason (ignoring case: reasons are sentences); <paramref name="Key"/> is the letter's Kafka key exactly;
/// <paramref name="From"/> (inclusive) and <paramref name="To"/> (exclusive) bound when it was dead-lettered.
/// </summary>
public sealed record DeadLetterFilter(string? Reason = null, string? Key = null, DateTimeOffset? From = null, DateTimeOffset? To = null)
{
    public static readonly DeadLetterFilter All = new();

    public bool Matches(JsonObject letter)
    {
        if (Reason is not null && ((string?)letter["reason"])?.Contains(Reason, StringComparison.OrdinalIgnoreCase) != true)
            return false;
        if (Key is not null && (string?)letter["key"] != Key)
            return false;
        if (From is null && To is null)
            return true;
        return letter["failed_at"] is JsonValue value && value.TryGetValue(out DateTimeOffset failedAt)
            && (From is not { } from || failedAt >= from) && (To is not { } to || failedAt < to);
    }
}
