using Grains.Interfaces.Pipeline.Sources;

namespace Api.Events.Sources;

/// <summary>Body of <c>POST /api/pipeline/sources</c>.</summary>
/// <param name="RateLimit">Ingestion requests per second; <c>Pipeline:RateLimit:PermitLimit</c> when left out.</param>
public sealed record CreateSourceRequest(string? Name, int? RateLimit = null);

/// <summary>A source as operators see it; the write key only in the answer that issued it.</summary>
public sealed record SourceDocument(Guid Id, string Name, int RateLimit, DateTimeOffset CreatedAt, string WriteKey)
{
    public static SourceDocument Masked(EventSource source) => new(source.Id, source.Name, source.RateLimit, source.CreatedAt, source.KeyHint);

    public static SourceDocument Issued(IssuedWriteKey issued) =>
        new(issued.Source.Id, issued.Source.Name, issued.Source.RateLimit, issued.Source.CreatedAt, issued.WriteKey);
}

public sealed record SourceList(IReadOnlyList<SourceDocument> Items);

public static class SourceRequests
{
    /// <summary>Names label metrics and counters: lower-case letters, digits, '-', '_' and '.', at most 64.</summary>
    public const string NamePattern = "^[a-z0-9][a-z0-9_.-]{0,63}$";
    public const int MaxRateLimit = 1_000_000;
}
