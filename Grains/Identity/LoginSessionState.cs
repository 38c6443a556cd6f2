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
    [Id(6)] public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The last sign-in or refresh.</summary>
    [Id(7)] public DateTimeOffset LastUsedAt { get; set; }
    [Id(8)] public string? UserAgent { get; set; }
    [Id(9)] public string? IpAddress { get; set; }
    /// <summary>SHA-256 of the token spent by the last rotation, which may come back once more within the reuse grace.</summary>
    [Id(10)] public byte[] PreviousHash { get; set; } = [];
    [Id(11)] public DateTimeOffset RotatedAt { get; set; }
    /// <summary>
    /// The current token's secret is HMAC-SHA256(this, previous secret): a client presenting the previous token within
    /// the grace gets the current one again, though only hashes of tokens are stored.
    /// </summary>
    [Id(12)] public byte[] SuccessorSeed { get; set; } = [];
}
