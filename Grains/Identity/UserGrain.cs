using Grains.Interfaces.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.BroadcastChannel;

namespace Grains.Identity;

internal sealed partial class UserGrain(
    [PersistentState("user", StorageNames.Platform)] IPersistentState<UserState> user,
    IOptions<IdentitySettings> settings,
    [FromKeyedServices(ProfileChanged.Channel)] IBroadcastChannelProvider profileChanges,
    TimeProvider clock,
    ILogger<UserGrain> logger) : Grain, IUserGrain
{
    public const string PasswordProvider = "password";

    private readonly IdentitySettings _settings = settings.Value;

    public async Task CreateAsync(NewUser newUser)
    {
        if (user.RecordExists)
            throw new InvalidOperationException($"User {newUser.Id} already exists.");

        user.State = new UserState
        {
            Email = newUser.Email,
            FullName = newUser.FullName,
            PasswordHash = newUser.PasswordHash,
            Providers = newUser.Provider is { } provider ? [provider] : [],
            CreatedAt = newUser.CreatedAt,
            EmailVerified = newUser.EmailVerified,
            ExternalLogins = newUser.ExternalLoginKey is { } key ? [key] : [],
        };
        await user.WriteStateAsync();
        await ProfileChangedAsync();
    }

    public async Task LinkProviderAsync(string provider, string externalLoginKey)
    {
        if (!Exists)
            throw new InvalidOperationException($"User {this.GetPrimaryKey()} does not exist.");
        if (user.State.Providers.Contains(provider) && user.State.ExternalLogins.Contains(externalLoginKey))
            return;
        if (!user.State.Providers.Contains(provider))
            user.State.Providers.Add(provider);
        if (!user.State.ExternalLogins.Contains(externalLoginKey))
            user.State.ExternalLogins.Add(externalLoginKey);
        await user.WriteStateAsync();
        await ProfileChangedAsync();
    }

    /// <summary>An account whose erasure began exists for nobody.</summary>
    private bool Exists => user.RecordExists && user.State.ErasingSince is null;

    public async Task<AccountFootprint?> BeginErasureAsync()
    {
        if (!user.RecordExists)
            return null;
        if (user.State.ErasingSince is null)
        {
            user.State.ErasingSince = clock.GetUtcNow();
            await user.WriteStateAsync();
            await ProfileChangedAsync();
        }
        return new AccountFootprint(user.State.Email, [.. user.State.ExternalLogins]);
    }

    public async Task CompleteErasureAsync()
    {
        if (!user.RecordExists)
            return;
        await user.ClearStateAsync();
        await ProfileChangedAsync();
    }

    /// <summary>Copies of the profile elsewhere (the pipeline's enrichment caches one) must not be used again.</summary>
    private Task ProfileChangedAsync() => profileChanges
        .GetChannelWriter<ProfileChanged>(ChannelId.Create(ProfileChanged.Namespace, this.GetPrimaryKey().ToString("D")))
        .Publish(new ProfileChanged(this.GetPrimaryKey()));

    public Task<bool> IsEmailVerifiedAsync() => Task.FromResult(Exists && user.State.EmailVerified);

    public async Task<MailToken?> IssueEmailVerificationAsync()
    {
        if (!Exists || user.State.EmailVerified || SentLately(user.State.EmailVerification, _settings.EmailVerificationLifetime))
            return null;
        var (token, pending) = NewPendingSecret(_settings.EmailVerificationLifetime);
        user.State.EmailVerification = pending;
        await user.WriteStateAsync();
        return new MailToken(user.State.Email, user.State.FullName, token, pending.ExpiresAt);
    }

    public async Task<bool> VerifyEmailAsync(byte[] secret)
    {
        if (!Exists || user.State.EmailVerification?.Accepts(secret, clock.GetUtcNow()) != true)
            return false;
        user.State.EmailVerification = null;
        user.State.EmailVerified = true;
        await user.WriteStateAsync();
        await ProfileChangedAsync();
        return true;
    }

    /// <summary>
    /// The per-client limit on <c>forgot</c> does not stop many clients from filling one mailbox: an address gets one
    /// reset mail per <see cref="MailInterval"/> at most, and a request within it sends nothing.
    /// </summary>
    public static readonly TimeSpan MailInterval = TimeSpan.FromMinutes(1);

    public async Task<MailToken?> IssuePasswordResetAsync()
    {
        if (!Exists || SentLately(user.State.PasswordReset, _settings.PasswordResetLifetime))
            return null;
        var (token, pending) = NewPendingSecret(_settings.PasswordResetLifetime);
        user.State.PasswordReset = pending;
        await user.WriteStateAsync();
        return new MailToken(user.State.Email, user.State.FullName, token, pending.ExpiresAt);
    }

    public Task<bool> AcceptsPasswordResetAsync(byte[] secret) =>
        Task.FromResult(Exists && user.State.PasswordReset?.Accepts(secret, clock.GetUtcNow()) == true);

    public async Task<bool> ResetPasswordAsync(byte[] secret, string passwordHash)
    {
        if (!await AcceptsPasswordResetAsync(secret))
            return false;
        var state = user.State;
        state.PasswordReset = null;
        state.PasswordHash = passwordHash;
        // The reset link reached the owner's mailbox: that proves the address, and ends any lockout a guesser caused.
        state.EmailVerified = true;
        FailureLockout.Reset(state);
        await user.WriteStateAsync();
        await Sessions().RevokeAllAsync();
        await ProfileChangedAsync();
        LogPasswordReset(this.GetPrimaryKey());
        return true;
    }

    public async Task ChangePasswordAsync(string passwordHash, Guid keptSession)
    {
        if (!Exists)
            throw new InvalidOperationException($"User {this.GetPrimaryKey()} does not exist.");
        user.State.PasswordHash = passwordHash;
        // Mails sent before the change must not set the password back to what the owner wants to get rid of.
        user.State.PasswordReset = null;
        await user.WriteStateAsync();
        await Sessions().RevokeAllAsync(except: keptSession);
        await ProfileChangedAsync();
    }

    public async Task SetMfaEnabledAsync(bool enabled)
    {
        if (!Exists || user.State.MfaEnabled == enabled)
            return;
        user.State.MfaEnabled = enabled;
        await user.WriteStateAsync();
    }

    /// <summary>Whether the link of <paramref name="earlier"/> (valid <paramref name="lifetime"/>) went out within <see cref="MailInterval"/>.</summary>
    private bool SentLately(PendingSecret? earlier, TimeSpan lifetime) =>
        earlier is not null && clock.GetUtcNow() - (earlier.ExpiresAt - lifetime) < MailInterval;

    private IUserSessionsGrain Sessions() => GrainFactory.GetGrain<IUserSessionsGrain>(this.GetPrimaryKey());

    private (string Token, PendingSecret Pending) NewPendingSecret(TimeSpan lifetime)
    {
        var secret = KeyedSecretToken.NewSecret();
        return (KeyedSecretToken.Compose(this.GetPrimaryKey(), secret), new PendingSecret(KeyedSecretToken.Hash(secret), clock.GetUtcNow() + lifetime));
    }

    public Task<UserProfile?> GetProfileAsync() => Task.FromResult(Exists ? Profile() : null);

    public Task<LogInAttempt> BeginLogInAsync()
    {
        if (!Exists)
            return Task.FromResult(new LogInAttempt(false, null));

        return Task.FromResult(RemainingLockout() is { } wait
            ? new LogInAttempt(true, null, wait)
            : new LogInAttempt(false, user.State.PasswordHash));
    }

    public async Task<LogInResult> CompleteLogInAsync(bool passwordMatched, string? upgradedHash)
    {
        if (!Exists)
            return new LogInResult(LogInStatus.InvalidCredentials);
        // A check that began before a concurrent attempt locked the account does not get around the lock.
        if (RemainingLockout() is { } wait)
            return new LogInResult(LogInStatus.LockedOut, RetryAfter: wait);

        var state = user.State;
        var now = clock.GetUtcNow();
        if (passwordMatched)
        {
            FailureLockout.Reset(state);
            state.PasswordHash = upgradedHash ?? state.PasswordHash;
            await user.WriteStateAsync();
            return new LogInResult(LogInStatus.Succeeded);
        }

        if (FailureLockout.RecordFailure(state, now, _settings.RateLimits))
            LogLockedOut(this.GetPrimaryKey(), _settings.RateLimits.AccountLockout);
        await user.WriteStateAsync();
        return new LogInResult(LogInStatus.InvalidCredentials);
    }

    private TimeSpan? RemainingLockout() => FailureLockout.Remaining(user.State, clock.GetUtcNow());

    private UserProfile Profile()
    {
        var state = user.State;
        var providers = state.PasswordHash is null ? state.Providers : [PasswordProvider, .. state.Providers];
        return new UserProfile(this.GetPrimaryKey(), state.Email, state.FullName, [.. providers], state.CreatedAt, state.EmailVerified, state.MfaEnabled);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} reset the password: every login ended")]
    private partial void LogPasswordReset(Guid userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserId} locked out for {Duration} after repeated failed logins")]
    private partial void LogLockedOut(Guid userId, TimeSpan duration);
}
