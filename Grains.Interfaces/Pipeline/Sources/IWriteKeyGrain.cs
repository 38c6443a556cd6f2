using Orleans.Concurrency;

namespace Grains.Interfaces.Pipeline.Sources;

/// <summary>
/// One write key, by the SHA-256 of its text (<see cref="WriteKeys.HashOf"/>): which source it belongs to, until when.
/// Ingestion asks it for every request that carries a key, so each key's traffic meets only its own grain.
/// </summary>
public interface IWriteKeyGrain : IGrainWithStringKey
{
    /// <summary>The source, or null for a key that was never issued, was revoked or is past its grace.</summary>
    [ReadOnly, AlwaysInterleave]
    Task<EventSource?> ResolveAsync();

    Task IssueAsync(EventSource source);

    /// <summary>Keeps the key working until <paramref name="until"/> (a rotation's grace), then not.</summary>
    Task ExpireAsync(DateTimeOffset until);

    Task RevokeAsync();
}
