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
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 128;
    public const int MaxFullNameLength = 200;

    public async Task<SignUpResult> SignUpAsync(SignUpCommand command)
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
        return new SignUpResult(SignUpStatus.Created, await StartLoginAsync(profile!));
    }

    public async Task<LogInResult> LogInAsync(string email, string password)
    {
        // No account has a password outside the signup bounds: nothing to hash (Argon2 refuses an empty one).
        if (password.Length == 0 || !TextLength.AtMost(password, MaxPasswordLength))
            return new LogInResult(LogInStatus.InvalidCredentials);
        var userId = EmailAddress.IsValid(email)
            ? await GrainFactory.GetGrain<IEmailIndexGrain>(EmailAddress.Normalize(email)).GetUserIdAsync()
            : null;
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
        var outcome = await user.CompleteLogInAsync(matched, upgraded);
        if (outcome.Status != LogInStatus.Succeeded)
            return outcome;

        var profile = await user.GetProfileAsync();
        return new LogInResult(LogInStatus.Succeeded, await StartLoginAsync(profile!));
    }

    public async Task<ExternalSignInResult> SignInWithProviderAsync(ExternalIdentity identity)
    {
        var link = await GrainFactory.GetGrain<IExternalLoginGrain>(IExternalLoginGrain.KeyFor(identity.Provider, identity.Subject)).ResolveAsync(identity);
        if (link.Outcome == ExternalSignInOutcome.EmailMissing)
            return new ExternalSignInResult(link.Outcome);

        var profile = await GrainFactory.GetGrain<IUserGrain>(link.UserId).GetProfileAsync()
            ?? throw new InvalidOperationException($"User {link.UserId} linked to a {identity.Provider} account does not exist.");
        return new ExternalSignInResult(link.Outcome, await StartLoginAsync(profile));
    }

    public async Task<RefreshResult> RefreshAsync(string refreshToken)
    {
        if (!RefreshTokenFormat.TryParse(refreshToken, out var sessionId, out var secret))
            return new RefreshResult(RefreshStatus.Invalid);

        var refreshed = await GrainFactory.GetGrain<ILoginSessionGrain>(sessionId).RefreshAsync(secret);
        if (refreshed is not { Status: RefreshStatus.Rotated, Token: { } token })
            return new RefreshResult(refreshed.Status);

        if (await GrainFactory.GetGrain<IUserGrain>(refreshed.UserId).GetProfileAsync() is not { } profile)
            return new RefreshResult(RefreshStatus.Invalid);

        return new RefreshResult(RefreshStatus.Rotated, new IssuedLogin(profile, sessionId, token.Token, token.ExpiresAt));
    }

    private async Task<IssuedLogin> StartLoginAsync(UserProfile profile)
    {
        var sessionId = Guid.NewGuid();
        var token = await GrainFactory.GetGrain<ILoginSessionGrain>(sessionId).StartAsync(profile.Id);
        return new IssuedLogin(profile, sessionId, token.Token, token.ExpiresAt);
    }

    private static Dictionary<string, string[]> Validate(SignUpCommand command)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(command.Email))
            errors["email"] = ["An email address is required."];
        else if (!EmailAddress.IsValid(command.Email))
            errors["email"] = ["This is not a valid email address."];

        if (command.Password is null || TextLength.Of(command.Password) is < MinPasswordLength or > MaxPasswordLength)
            errors["password"] = [$"The password must be {MinPasswordLength} to {MaxPasswordLength} characters long."];

        if (command.FullName is { } fullName && !TextLength.AtMost(fullName, MaxFullNameLength))
            errors["full_name"] = [$"The full name may have at most {MaxFullNameLength} characters."];
        return errors;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} signed up")]
    private partial void LogSignedUp(Guid userId);
}
