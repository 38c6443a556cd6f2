using System.Security.Cryptography;
using Grains.Interfaces.Identity;
using Microsoft.Extensions.Options;

namespace Grains.Identity.TwoFactor;

/// <summary>
/// Wrong codes are throttled twice: a challenge is void after <see cref="FailuresPerChallenge"/> of them, and
/// <c>Auth:RateLimits:AccountFailureLimit</c> of them within <c>AccountLockout</c>, over all challenges, lock the
/// second step for <c>AccountLockout</c>. A right password does not reset that count, so knowing the password
/// buys a guesser a handful of codes per lockout period, not per login.
/// </summary>
internal sealed partial class TwoFactorGrain(
    [PersistentState("two-factor", StorageNames.Platform)] IPersistentState<TwoFactorState> factor,
    IOptions<IdentitySettings> settings,
    TimeProvider clock,
    ILogger<TwoFactorGrain> logger) : Grain, ITwoFactorGrain
{
    public const int FailuresPerChallenge = 3;

    private readonly IdentitySettings _settings = settings.Value;

    private TwoFactorState State => factor.State;

    public Task<bool> IsEnabledAsync() => Task.FromResult(State.TotpSecret is not null);

    public async Task<string?> BeginTotpEnrolmentAsync()
    {
        if (State.TotpSecret is not null)
            return null;
        State.PendingSecret = TotpAuthenticator.NewSecret();
        await factor.WriteStateAsync();
        return TotpAuthenticator.Base32(State.PendingSecret);
    }

    public async Task<string[]?> ConfirmTotpAsync(string code)
    {
        if (State.TotpSecret is not null || State.PendingSecret is not { } pending
            || TotpAuthenticator.Verify(pending, code, clock.GetUtcNow(), lastUsedStep: 0) is not { } step)
        {
            return null;
        }

        var recoveryCodes = RecoveryCodes.Generate();
        (State.TotpSecret, State.PendingSecret, State.LastUsedStep) = (pending, null, step);
        State.RecoveryCodeHashes = [.. recoveryCodes.Select(RecoveryCodes.Hash)];
        await factor.WriteStateAsync();
        await User().SetMfaEnabledAsync(true);
        LogEnabled(this.GetPrimaryKey());
        return recoveryCodes;
    }

    public async Task DisableAsync()
    {
        if (State.TotpSecret is null && State.PendingSecret is null)
            return;
        factor.State = new TwoFactorState();
        await factor.WriteStateAsync();
        await User().SetMfaEnabledAsync(false);
        LogDisabled(this.GetPrimaryKey());
    }

    public async Task<MfaChallenge> StartChallengeAsync()
    {
        var secret = KeyedSecretToken.NewSecret();
        State.Challenge = new PendingSecret(KeyedSecretToken.Hash(secret), clock.GetUtcNow() + _settings.MfaChallengeLifetime);
        State.ChallengeFailures = 0;
        await factor.WriteStateAsync();
        return new MfaChallenge(KeyedSecretToken.Compose(this.GetPrimaryKey(), secret), State.Challenge.ExpiresAt);
    }

    public async Task<MfaCheck> CompleteChallengeAsync(byte[] secret, string code)
    {
        var now = clock.GetUtcNow();
        if (FailureLockout.Remaining(State, now) is { } wait)
            return new MfaCheck(MfaCheckStatus.LockedOut, wait);
        if (State.TotpSecret is not { } totpSecret || State.Challenge?.Accepts(secret, now) != true)
            return new MfaCheck(MfaCheckStatus.InvalidChallenge);

        if (TotpAuthenticator.Verify(totpSecret, code, now, State.LastUsedStep) is { } step)
            State.LastUsedStep = step;
        else if (!TrySpendRecoveryCode(code))
            return await WrongCodeAsync(now);

        (State.Challenge, State.ChallengeFailures) = (null, 0);
        FailureLockout.Reset(State);
        await factor.WriteStateAsync();
        return new MfaCheck(MfaCheckStatus.Passed);
    }

    private bool TrySpendRecoveryCode(string code)
    {
        if (!RecoveryCodes.LooksLikeOne(code))
            return false;
        var hash = RecoveryCodes.Hash(code);
        var index = State.RecoveryCodeHashes.FindIndex(known => CryptographicOperations.FixedTimeEquals(known, hash));
        if (index < 0)
            return false;
        State.RecoveryCodeHashes.RemoveAt(index);
        LogRecoveryCodeUsed(this.GetPrimaryKey(), State.RecoveryCodeHashes.Count);
        return true;
    }

    private async Task<MfaCheck> WrongCodeAsync(DateTimeOffset now)
    {
        var lockout = _settings.RateLimits;
        var locked = FailureLockout.RecordFailure(State, now, lockout);
        if (locked || ++State.ChallengeFailures >= FailuresPerChallenge)
            State.Challenge = null;
        await factor.WriteStateAsync();
        if (!locked)
            return new MfaCheck(MfaCheckStatus.WrongCode);
        LogLockedOut(this.GetPrimaryKey(), lockout.AccountLockout);
        return new MfaCheck(MfaCheckStatus.LockedOut, lockout.AccountLockout);
    }

    private IUserGrain User() => GrainFactory.GetGrain<IUserGrain>(this.GetPrimaryKey());

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} turned two-factor sign-in on")]
    private partial void LogEnabled(Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} turned two-factor sign-in off")]
    private partial void LogDisabled(Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} signed in with a recovery code; {Left} left")]
    private partial void LogRecoveryCodeUsed(Guid userId, int left);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Second sign-in step of user {UserId} locked for {Duration} after repeated wrong codes")]
    private partial void LogLockedOut(Guid userId, TimeSpan duration);
}
