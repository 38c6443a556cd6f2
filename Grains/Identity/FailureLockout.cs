namespace Grains.Identity;

/// <summary>State that counts recent failures toward a lockout: the password check of an account, its second sign-in step.</summary>
public interface ICountsFailures
{
    int RecentFailures { get; set; }
    DateTimeOffset? FailuresSince { get; set; }
    DateTimeOffset? LockedUntil { get; set; }
}

/// <summary>
/// The one lockout rule: <c>AccountFailureLimit</c> failures within one <c>AccountLockout</c> period lock for
/// <c>AccountLockout</c>; failures older than one period are forgotten.
/// </summary>
public static class FailureLockout
{
    public static TimeSpan? Remaining(ICountsFailures state, DateTimeOffset now) =>
        state.LockedUntil - now is { } remaining && remaining > TimeSpan.Zero ? remaining : null;

    /// <summary>Counts a failure; true when it locked the state just now.</summary>
    public static bool RecordFailure(ICountsFailures state, DateTimeOffset now, AccountLockoutSettings settings)
    {
        if (state.FailuresSince is null || now - state.FailuresSince > settings.AccountLockout)
            (state.RecentFailures, state.FailuresSince) = (0, now);
        state.RecentFailures++;
        if (state.RecentFailures < settings.AccountFailureLimit)
            return false;
        (state.RecentFailures, state.FailuresSince) = (0, null);
        state.LockedUntil = now + settings.AccountLockout;
        return true;
    }

    public static void Reset(ICountsFailures state) => (state.RecentFailures, state.FailuresSince, state.LockedUntil) = (0, null, null);
}
