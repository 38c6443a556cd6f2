using Grains.Identity.Passwords;
using Grains.Interfaces.Identity;
using Orleans.Concurrency;

namespace Grains.Identity;

/// <summary>
/// Validates, hashes and verifies passwords, then hands state changes to the email index, user and login
/// session grains. Stateless and reentrant: while one sign-in waits for those grains and their storage, its
/// worker starts hashing the next; <see cref="PasswordHashingSlots"/> bounds the Argon2 computations to one per core.
/// </summary>
[StatelessWorker, Reentrant]
internal sealed partial class AccountsGrain(TimeProvider clock, ILogger<AccountsGrain> logger) : Grain, IAccountsGrain
{
    public const int MaxFullNameLength = 200;

    public async Task<SignUpResult> SignUpAsync(SignUpCommand command, ClientInfo client)
    {
        if (Validate(command) is { Count: > 0 } errors)
            return new SignUpResult(SignUpStatus.Invalid, Errors: errors);

        var index = GrainFactory.GetGrain<IEmailIndexGrain>(EmailAddress.Normalize(command.Email!));
        // Saves the hashing for the common case; the index's TryRegisterAsync is what decides under concurrency.
        if (await index.GetUserIdAsync() is not null)
            return new SignUpResult(SignUpStatus.EmailTaken);

        var fullName = string.IsNullOrWhiteSpace(command.FullName) ? null : command.FullName.Trim();
        var user = new NewUser(Guid.NewGuid(), command.Email!.Trim(), fullName, await PasswordHashingSlots.RunAsync(() => PasswordHasher.Hash(command.Password!)), clock.GetUtcNow());
        if (!await index.TryRegisterAsync(user))
            return new SignUpResult(SignUpStatus.EmailTaken);

        LogSignedUp(user.Id);
        var profile = await GrainFactory.GetGrain<IUserGrain>(user.Id).GetProfileAsync();
        return new SignUpResult(SignUpStatus.Created, await StartLoginAsync(profile!, client));
    }

    public async Task<LogInResult> LogInAsync(string email, string password, ClientInfo client)
    {
        var userId = EmailAddress.IsValid(email)
            ? await GrainFactory.GetGrain<IEmailIndexGrain>(EmailAddress.Normalize(email)).GetUserIdAsync()
            : null;
        var check = await CheckPasswordAsync(userId, password);
        if (check.Status != LogInStatus.Succeeded)
            return check;

        var twoFactor = GrainFactory.GetGrain<ITwoFactorGrain>(userId!.Value);
        if (await twoFactor.IsEnabledAsync())
            return new LogInResult(LogInStatus.MfaRequired, Challenge: await twoFactor.StartChallengeAsync());
        var profile = await GrainFactory.GetGrain<IUserGrain>(userId.Value).GetProfileAsync();
        return new LogInResult(LogInStatus.Succeeded, await StartLoginAsync(profile!, client));
    }

    public async Task<LogInResult> LogInWithSecondFactorAsync(string mfaToken, string code, ClientInfo client)
    {
        if (!KeyedSecretToken.TryParse(mfaToken, out var userId, out var secret) || code.Length is 0 or > 64)
            return new LogInResult(LogInStatus.InvalidCredentials);
        var check = await GrainFactory.GetGrain<ITwoFactorGrain>(userId).CompleteChallengeAsync(secret, code);
        switch (check.Status)
        {
            case MfaCheckStatus.LockedOut:
                return new LogInResult(LogInStatus.LockedOut, RetryAfter: check.RetryAfter);
            case not MfaCheckStatus.Passed:
                return new LogInResult(LogInStatus.InvalidCredentials);
        }
        var profile = await GrainFactory.GetGrain<IUserGrain>(userId).GetProfileAsync();
        return profile is null
            ? new LogInResult(LogInStatus.InvalidCredentials)
            : new LogInResult(LogInStatus.Succeeded, await StartLoginAsync(profile, client));
    }

    public async Task<LogInResult> DisableTwoFactorAsync(Guid userId, string password)
    {
        var check = await CheckPasswordAsync(userId, password);
        if (check.Status == LogInStatus.Succeeded)
            await GrainFactory.GetGrain<ITwoFactorGrain>(userId).DisableAsync();
        return check;
    }

    public async Task<ExternalSignInResult> SignInWithProviderAsync(ExternalIdentity identity, ClientInfo client)
    {
        var link = await GrainFactory.GetGrain<IExternalLoginGrain>(IExternalLoginGrain.KeyFor(identity.Provider, identity.Subject)).ResolveAsync(identity);
        if (link.Outcome == ExternalSignInOutcome.EmailMissing)
            return new ExternalSignInResult(link.Outcome);

        var profile = await GrainFactory.GetGrain<IUserGrain>(link.UserId).GetProfileAsync()
            ?? throw new InvalidOperationException($"User {link.UserId} linked to a {identity.Provider} account does not exist.");
        return new ExternalSignInResult(link.Outcome, await StartLoginAsync(profile, client));
    }

    public async Task<RefreshResult> RefreshAsync(string refreshToken, ClientInfo client)
    {
        if (!KeyedSecretToken.TryParse(refreshToken, out var sessionId, out var secret))
            return new RefreshResult(RefreshStatus.Invalid);

        var refreshed = await GrainFactory.GetGrain<ILoginSessionGrain>(sessionId).RefreshAsync(secret, client);
        if (refreshed is not { Status: RefreshStatus.Rotated, Token: { } token })
            return new RefreshResult(refreshed.Status);

        if (await GrainFactory.GetGrain<IUserGrain>(refreshed.UserId).GetProfileAsync() is not { } profile)
            return new RefreshResult(RefreshStatus.Invalid);

        return new RefreshResult(RefreshStatus.Rotated, new IssuedLogin(profile, sessionId, token.Token, token.ExpiresAt));
    }

    public async Task<bool> VerifyEmailAsync(string token) =>
        KeyedSecretToken.TryParse(token, out var userId, out var secret) && await GrainFactory.GetGrain<IUserGrain>(userId).VerifyEmailAsync(secret);

    public async Task<MailToken?> IssuePasswordResetAsync(string email) =>
        EmailAddress.IsValid(email) && await GrainFactory.GetGrain<IEmailIndexGrain>(EmailAddress.Normalize(email)).GetUserIdAsync() is { } userId
            ? await GrainFactory.GetGrain<IUserGrain>(userId).IssuePasswordResetAsync()
            : null;

    public async Task<PasswordChangeResult> ResetPasswordAsync(string token, string? newPassword)
    {
        if (!KeyedSecretToken.TryParse(token, out var userId, out var secret))
            return new PasswordChangeResult(PasswordChangeStatus.InvalidToken);
        var user = GrainFactory.GetGrain<IUserGrain>(userId);
        // Cheap checks first: a guessed token costs no hashing.
        if (!await user.AcceptsPasswordResetAsync(secret))
            return new PasswordChangeResult(PasswordChangeStatus.InvalidToken);
        if (PasswordPolicy.Problem(newPassword) is { } problem)
            return Weak("new_password", problem);

        var hash = await PasswordHashingSlots.RunAsync(() => PasswordHasher.Hash(newPassword!));
        return await user.ResetPasswordAsync(secret, hash)
            ? new PasswordChangeResult(PasswordChangeStatus.Changed)
            : new PasswordChangeResult(PasswordChangeStatus.InvalidToken);
    }

    public async Task<PasswordChangeResult> ChangePasswordAsync(Guid userId, Guid sessionId, string currentPassword, string? newPassword)
    {
        if (PasswordPolicy.Problem(newPassword) is { } problem)
            return Weak("new_password", problem);
        var check = await CheckPasswordAsync(userId, currentPassword);
        switch (check.Status)
        {
            case LogInStatus.LockedOut:
                return new PasswordChangeResult(PasswordChangeStatus.LockedOut, RetryAfter: check.RetryAfter);
            case not LogInStatus.Succeeded:
                return new PasswordChangeResult(PasswordChangeStatus.WrongPassword);
        }

        var hash = await PasswordHashingSlots.RunAsync(() => PasswordHasher.Hash(newPassword!));
        await GrainFactory.GetGrain<IUserGrain>(userId).ChangePasswordAsync(hash, keptSession: sessionId);
        LogPasswordChanged(userId);
        return new PasswordChangeResult(PasswordChangeStatus.Changed);
    }

    public async Task<ErasureResult> EraseAccountAsync(Guid userId, Guid sessionId, string? password)
    {
        var profile = await GrainFactory.GetGrain<IUserGrain>(userId).GetProfileAsync();
        if (profile is null)
            return new ErasureResult(ErasureStatus.Erased);
        if (profile.Providers.Contains(UserGrain.PasswordProvider))
        {
            var check = await CheckPasswordAsync(userId, password ?? "");
            if (check.Status == LogInStatus.LockedOut)
                return new ErasureResult(ErasureStatus.LockedOut, check.RetryAfter);
            if (check.Status != LogInStatus.Succeeded)
                return new ErasureResult(ErasureStatus.WrongPassword);
        }
        else if (await GrainFactory.GetGrain<ILoginSessionGrain>(sessionId).GetInfoAsync() is not { } session
                 || session.UserId != userId || clock.GetUtcNow() - session.CreatedAt > IAccountsGrain.RecentSignIn)
        {
            return new ErasureResult(ErasureStatus.SignInTooOld);
        }

        // Recorded first: an erasure a crash interrupts is finished after the restart.
        var pending = GrainFactory.GetGrain<IPendingErasuresGrain>(0);
        await pending.AddAsync(userId);
        await GrainFactory.GetGrain<IAccountErasureGrain>(userId).EraseAsync();
        await pending.RemoveAsync(userId);
        return new ErasureResult(ErasureStatus.Erased);
    }

    /// <summary>
    /// Checks a password against the user's, counting failures toward the account's lockout. Every way to fail costs one
    /// Argon2 verification, so the answer's timing does not tell whether the account exists or has a password.
    /// </summary>
    private async Task<LogInResult> CheckPasswordAsync(Guid? userId, string password)
    {
        // No account has a password outside the signup bounds: nothing to hash (Argon2 refuses an empty one).
        if (password.Length == 0 || !TextLength.AtMost(password, PasswordPolicy.MaxLength))
            return new LogInResult(LogInStatus.InvalidCredentials);
        if (userId is not { } id)
        {
            await PasswordHashingSlots.RunAsync(() => PasswordHasher.VerifyDecoy(password));
            return new LogInResult(LogInStatus.InvalidCredentials);
        }

        var user = GrainFactory.GetGrain<IUserGrain>(id);
        var attempt = await user.BeginLogInAsync();
        if (attempt.LockedOut)
            return new LogInResult(LogInStatus.LockedOut, RetryAfter: attempt.RetryAfter);
        if (attempt.PasswordHash is null)
        {
            await PasswordHashingSlots.RunAsync(() => PasswordHasher.VerifyDecoy(password));
            return new LogInResult(LogInStatus.InvalidCredentials);
        }

        var (matched, upgraded) = await PasswordHashingSlots.RunAsync(() =>
        {
            var verified = PasswordHasher.Verify(password, attempt.PasswordHash, out var needsRehash);
            return (verified, verified && needsRehash ? PasswordHasher.Hash(password) : null);
        });
        return await user.CompleteLogInAsync(matched, upgraded);
    }

    private async Task<IssuedLogin> StartLoginAsync(UserProfile profile, ClientInfo client)
    {
        var sessionId = Guid.NewGuid();
        var token = await GrainFactory.GetGrain<ILoginSessionGrain>(sessionId).StartAsync(profile.Id, client);
        await GrainFactory.GetGrain<IUserSessionsGrain>(profile.Id).AddAsync(sessionId);
        return new IssuedLogin(profile, sessionId, token.Token, token.ExpiresAt);
    }

    private static PasswordChangeResult Weak(string field, string problem) =>
        new(PasswordChangeStatus.Invalid, new Dictionary<string, string[]> { [field] = [problem] });

    private static Dictionary<string, string[]> Validate(SignUpCommand command)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(command.Email))
            errors["email"] = ["An email address is required."];
        else if (!EmailAddress.IsValid(command.Email))
            errors["email"] = ["This is not a valid email address."];

        if (PasswordPolicy.Problem(command.Password) is { } problem)
            errors["password"] = [problem];

        if (command.FullName is { } fullName && !TextLength.AtMost(fullName, MaxFullNameLength))
            errors["full_name"] = [$"The full name may have at most {MaxFullNameLength} characters."];
        return errors;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} signed up")]
    private partial void LogSignedUp(Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} changed the password: the other logins ended")]
    private partial void LogPasswordChanged(Guid userId);
}
