using System.Text.Json;

namespace Grains.Pipeline;

/// <summary>
/// Reads stored, enriched events for their callers, and erases a user's. An enriched event carries the profile (email, full name) of the
/// user it names, and anyone may send an event naming any user id, so only an operator or that very user may read
/// one; for anyone else it does not exist.
/// </summary>
public sealed class StoredEvents(IAnalyticsStore store)
{
    /// <summary>The stored document when the event exists and the caller may see it; null otherwise, whichever the reason.</summary>
    public async Task<string?> FindAsync(string eventId, Guid? callerId, bool callerIsOperator, CancellationToken cancellationToken)
    {
        if (!Guid.TryParseExact(eventId, "D", out var id) || await store.FindAsync(id, cancellationToken) is not { } document)
            return null;
        return callerIsOperator || (callerId is { } caller && Guid.TryParse(UserIdOf(document), out var owner) && owner == caller)
            ? document
            : null;
    }

    /// <summary>Deletes every stored event of <paramref name="userId"/> (see <see cref="IAnalyticsStore.EraseUserAsync"/>).</summary>
    public Task<long> EraseUserAsync(string userId, CancellationToken cancellationToken) => store.EraseUserAsync(userId, cancellationToken);

    private static string? UserIdOf(string document)
    {
        using var parsed = JsonDocument.Parse(document);
        return parsed.RootElement.TryGetProperty("user_id", out var userId) && userId.ValueKind == JsonValueKind.String ? userId.GetString() : null;
    }
}
