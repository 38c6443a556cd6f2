namespace Grains.Identity.TwoFactor;

[GenerateSerializer, Alias("TwoFactorState")]
public sealed class TwoFactorState : ICountsFailures
{
    /// <summary>The confirmed TOTP secret; null while two-factor is off. Kept as is: codes are computed from it.</summary>
    [Id(0)] public byte[]? TotpSecret { get; set; }
    /// <summary>A secret shown to the user and not yet confirmed with a code from it.</summary>
    [Id(1)] public byte[]? PendingSecret { get; set; }
    /// <summary>The last 30-second step whose code was accepted: no code of it or earlier is accepted again.</summary>
    [Id(2)] public long LastUsedStep { get; set; }
    [Id(3)] public List<byte[]> RecoveryCodeHashes { get; set; } = [];
    /// <summary>The second step of the current password login, and the wrong codes it has seen.</summary>
    [Id(4)] public PendingSecret? Challenge { get; set; }
    [Id(5)] public int ChallengeFailures { get; set; }
    /// <summary>Wrong codes since <see cref="FailuresSince"/>, over every challenge; enough of them lock the second step.</summary>
    [Id(6)] public int RecentFailures { get; set; }
    [Id(7)] public DateTimeOffset? FailuresSince { get; set; }
    [Id(8)] public DateTimeOffset? LockedUntil { get; set; }
}
