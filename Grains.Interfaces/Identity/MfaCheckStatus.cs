namespace Grains.Interfaces.Identity;

[GenerateSerializer, Alias("MfaCheckStatus")]
public enum MfaCheckStatus
{
    Passed,
    WrongCode,
    /// <summary>Unknown, expired, spent, or voided by too many wrong codes: sign in with the password again.</summary>
    InvalidChallenge,
    /// <summary>Too many wrong codes for this account recently: the second step refuses every code for a while.</summary>
    LockedOut,
}
