namespace Grains.Interfaces.Identity;

[GenerateSerializer, Alias("LogInStatus")]
public enum LogInStatus
{
    Succeeded,
    /// <summary>Unknown email or wrong password: deliberately one answer for both.</summary>
    InvalidCredentials,
    /// <summary>Too many recent failures for this account; <see cref="LogInResult.RetryAfter"/> says how long to wait.</summary>
    LockedOut,
    /// <summary>The password was right and two-factor sign-in is on: <see cref="LogInResult.Challenge"/> asks for a code.</summary>
    MfaRequired,
}
