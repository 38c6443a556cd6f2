using Grains.Interfaces.Identity;

namespace Grains.Identity;

/// <summary>
/// The linking rules of social sign-in. Only an email the provider verified may claim the email index, and link to an
/// existing account only when that account's owner verified it too: otherwise whoever signed up first with somebody
/// else's address would receive that person's social sign-in. An email that does not link is kept for display on a new
/// account and proves nothing.
/// </summary>
internal sealed partial class ExternalLoginGrain(
    [PersistentState("external-login", StorageNames.Platform)] IPersistentState<ExternalLoginState> link,
    TimeProvider clock,
    ILogger<ExternalLoginGrain> logger) : Grain, IExternalLoginGrain
{
    public async Task<ExternalLink> ResolveAsync(ExternalIdentity identity)
    {
        if (link.State.UserId is { } known && await GrainFactory.GetGrain<IUserGrain>(known).GetProfileAsync() is not null)
            return new ExternalLink(ExternalSignInOutcome.Returning, known);
        if (identity.Email is not { } email || !EmailAddress.IsValid(email))
            return new ExternalLink(ExternalSignInOutcome.EmailMissing);

        var resolved = identity.EmailVerified ? await LinkOrRegisterAsync(identity, email.Trim()) : await CreateUnindexedAsync(identity, email.Trim());
        link.State.UserId = resolved.UserId;
        await link.WriteStateAsync();
        LogResolved(identity.Provider, resolved.UserId, resolved.Outcome);
        return resolved;
    }

    private async Task<ExternalLink> LinkOrRegisterAsync(ExternalIdentity identity, string email)
    {
        var index = GrainFactory.GetGrain<IEmailIndexGrain>(EmailAddress.Normalize(email));
        if (await index.GetUserIdAsync() is null)
        {
            var user = NewUser(identity, email);
            if (await index.TryRegisterAsync(user))
                return new ExternalLink(ExternalSignInOutcome.Created, user.Id);
        }

        // Registered before, or by a signup that won the race just now.
        var existing = await index.GetUserIdAsync() ?? throw new InvalidOperationException($"The email index of {identity.Provider} sign-in lost its entry.");
        var owner = GrainFactory.GetGrain<IUserGrain>(existing);
        if (!await owner.IsEmailVerifiedAsync())
        {
            LogNotLinked(identity.Provider, existing);
            return await CreateUnindexedAsync(identity, email);
        }
        await owner.LinkProviderAsync(identity.Provider, this.GetPrimaryKeyString());
        return new ExternalLink(ExternalSignInOutcome.Linked, existing);
    }

    private async Task<ExternalLink> CreateUnindexedAsync(ExternalIdentity identity, string email)
    {
        var user = NewUser(identity, email);
        await GrainFactory.GetGrain<IUserGrain>(user.Id).CreateAsync(user);
        return new ExternalLink(ExternalSignInOutcome.Created, user.Id);
    }

    private NewUser NewUser(ExternalIdentity identity, string email)
    {
        var fullName = string.IsNullOrWhiteSpace(identity.FullName) ? null : identity.FullName.Trim();
        if (fullName is not null)
            fullName = TextLength.Truncate(fullName, AccountsGrain.MaxFullNameLength);
        return new NewUser(Guid.NewGuid(), email, fullName, PasswordHash: null, clock.GetUtcNow(), identity.Provider, identity.EmailVerified, this.GetPrimaryKeyString());
    }

    public async Task ForgetAsync(Guid userId)
    {
        if (link.State.UserId != userId)
            return;
        await link.ClearStateAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A {Provider} sign-in with the email of user {UserId}, whose email is unverified, gets an account of its own")]
    private partial void LogNotLinked(string provider, Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "First {Provider} sign-in resolved to user {UserId}: {Outcome}")]
    private partial void LogResolved(string provider, Guid userId, ExternalSignInOutcome outcome);
}
