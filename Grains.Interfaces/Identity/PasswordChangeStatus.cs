namespace Grains.Interfaces.Identity;

[GenerateSerializer, Alias("PasswordChangeStatus")]
public enum PasswordChangeStatus
{
    Changed,
    /// <summary>The new password breaks the password rules; the result's errors say which.</summary>
    Invalid,
    /// <summary>The reset token is malformed, expired, spent or not the latest.</summary>
    InvalidToken,
    /// <summary>The current password given with a change is wrong.</summary>
    WrongPassword,
    /// <summary>Too many wrong current passwords: the account is locked for a while.</summary>
    LockedOut,
}
