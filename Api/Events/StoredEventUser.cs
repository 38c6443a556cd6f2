namespace Api.Events;

/// <summary>The registered user the event's <c>user_id</c> names, as it was when the event was enriched; null for anyone else.</summary>
public sealed record StoredEventUser(string Id, string Email, string? FullName, DateTimeOffset CreatedAt);
