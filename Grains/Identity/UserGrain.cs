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

    private readonly AccountLockoutSettings _lockout = settings.Value.RateLimits;

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
        };
        await user.WriteStateAsync();
        await ProfileChangedAsync();
    }

    public async Task LinkProviderAsync(string provider)
    {
        if (!user.RecordExists)
            throw new InvalidOperationException($"User {this.GetPrimaryKey()} does not exist.");
        if (user.State.Providers.Contains(provider))
            return;
        user.State.Providers.Add(provider);
        await user.WriteStateAsync();
        await ProfileChangedAsync();
    }

    /// <summary>Copies of the profile elsewhere (the pipeline's enrichment caches one) must not be used again.</summary>
    private Task ProfileChangedAsync() => profileChanges
        .GetChannelWriter<ProfileChanged>(ChannelId.Create(ProfileChanged.Namespace, this.GetPrimaryKey().ToString("D")))
        .Publish(new ProfileChanged(this.GetPrimaryKey()));

    public Task<UserProfile?> GetProfileAsync() => Task.FromResult(user.RecordExists ? Profile() : null);

    public Task<LogInAttempt> BeginLogInAsync()
    {
        if (!user.RecordExists)
            return Task.FromResult(new LogInAttempt(false, null));

        return Task.FromResult(RemainingLockout() is { } wait
            ? new LogInAttempt(true, null, wait)
            : new LogInAttempt(false, user.State.PasswordHash));
    }

    public async Task<LogInResult> CompleteLogInAsync(bool passwordMatched, string? upgradedHash)
    {
        if (!user.RecordExists)
            return new LogInResult(LogInStatus.InvalidCredentials);
        // A check that began before a concurrent attempt locked the account does not get around the lock.
        if (RemainingLockout() is { } wait)
            return new LogInResult(LogInStatus.LockedOut, RetryAfter: wait);

        var state = user.State;
        var now = clock.GetUtcNow();
        if (passwordMatched)
        {
            (state.RecentFailures, state.FailuresSince, state.LockedUntil) = (0, null, null);
            state.PasswordHash = upgradedHash ?? state.PasswordHash;
            await user.WriteStateAsync();
            return new LogInResult(LogInStatus.Succeeded);
        }

        if (state.FailuresSince is null || now - state.FailuresSince > _lockout.AccountLockout)
            (state.RecentFailures, state.FailuresSince) = (0, now);
        state.RecentFailures++;
        if (state.RecentFailures >= _lockout.AccountFailureLimit)
        {
            (state.RecentFailures, state.FailuresSince) = (0, null);
            state.LockedUntil = now + _lockout.AccountLockout;
            LogLockedOut(this.GetPrimaryKey(), _lockout.AccountLockout);
        }
        await user.WriteStateAsync();
        return new LogInResult(LogInStatus.InvalidCredentials);
    }

    private TimeSpan? RemainingLockout()
    {
        var remaining = user.State.LockedUntil - clock.GetUtcNow();
        return remaining > TimeSpan.Zero ? remaining : null;
    }

    private UserProfile Profile()
    {
        var state = user.State;
        var providers = state.PasswordHash is null ? state.Providers : [PasswordProvider, .. state.Providers];
        return new UserProfile(this.GetPrimaryKey(), state.Email, state.FullName, [.. providers], state.CreatedAt);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserId} locked out for {Duration} after repeated failed logins")]
    private partial void LogLockedOut(Guid userId, TimeSpan duration);
}
