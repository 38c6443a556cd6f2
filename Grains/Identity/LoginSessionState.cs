namespace Grains.Identity;

[GenerateSerializer, Alias("LoginSessionState")]
/// <remarks>Id 1 held the start time, which nothing read; it stays unused so stored sessions still load.</remarks>
public sealed class LoginSessionState
{
    [Id(0)] public Guid UserId { get; set; }
    /// <summary>SHA-256 of the current refresh token's secret.</summary>
    [Id(2)] public byte[] CurrentHash { get; set; } = [];
    [Id(3)] public DateTimeOffset CurrentExpiresAt { get; set; }
    /// <summary>Hashes of the most recent spent tokens, to recognise reuse.</summary>
    [Id(4)] public List<byte[]> SpentHashes { get; set; } = [];
    [Id(5)] public DateTimeOffset? RevokedAt { get; set; }
}
