namespace Grains.Interfaces.Identity;

[GenerateSerializer, Alias("ErasureStatus")]
public enum ErasureStatus
{
    Erased,
    WrongPassword,
    /// <summary>Too many wrong passwords: the account is locked for a while.</summary>
    LockedOut,
    /// <summary>An account without a password, whose caller signed in too long ago: sign in again first.</summary>
    SignInTooOld,
}
