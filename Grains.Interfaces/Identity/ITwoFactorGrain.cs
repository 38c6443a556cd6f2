namespace Grains.Interfaces.Identity;

/// <summary>One user's second factor (key: the user id): a TOTP authenticator, its recovery codes, and the login step that asks for them.</summary>
public interface ITwoFactorGrain : IGrainWithGuidKey
{
    [Idempotent]
    Task<bool> IsEnabledAsync();

    /// <summary>A new secret to enrol, in base32 (replacing a pending one); null when two-factor is already on.</summary>
    Task<string?> BeginTotpEnrolmentAsync();

    /// <summary>Turns two-factor on with a code from the pending secret; the recovery codes, shown once, or null for a wrong code.</summary>
    Task<string[]?> ConfirmTotpAsync(string code);

    /// <summary>Turns two-factor off (the caller checked the password).</summary>
    [Idempotent]
    Task DisableAsync();

    /// <summary>Starts the second step of a login whose password was right.</summary>
    Task<MfaChallenge> StartChallengeAsync();

    /// <summary>Checks a TOTP code or an unused recovery code against the challenge whose secret is <paramref name="secret"/>.</summary>
    Task<MfaCheck> CompleteChallengeAsync(byte[] secret, string code);
}
