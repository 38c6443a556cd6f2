namespace Grains.Interfaces.Pipeline.Sources;

/// <summary>
/// Somewhere events come from (a website, an app, a backend), known by the write key it sends with them.
/// </summary>
/// <param name="RateLimit">Ingestion requests per second this source may make.</param>
/// <param name="KeyHint">The first characters of the current write key, so an operator can tell keys apart without seeing them.</param>
[GenerateSerializer, Immutable, Alias("EventSource")]
public sealed record EventSource(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Name,
    [property: Id(2)] int RateLimit,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] string KeyHint);

/// <summary>A source with its new write key in clear, which is shown once and kept nowhere.</summary>
[GenerateSerializer, Immutable, Alias("IssuedWriteKey")]
public sealed record IssuedWriteKey([property: Id(0)] EventSource Source, [property: Id(1)] string WriteKey);
