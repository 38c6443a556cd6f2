using System.Security.Cryptography;
using Grains.Interfaces.Identity;
using Microsoft.Extensions.Options;

namespace Grains.Identity;

internal sealed partial class LoginSessionGrain(
    [PersistentState("session", StorageNames.Platform)] IPersistentState<LoginSessionState> session,
    IOptions<IdentitySettings> settings,
    TimeProvider clock,
    ILogger<LoginSessionGrain> logger) : Grain, ILoginSessionGrain
{
    // Bounds the state of a login refreshed for months; a token older than this is merely unknown (401, no revocation).
    private const int MaxSpentHashes = 500;

    private readonly TimeSpan _lifetime = settings.Value.RefreshTokenLifetime;

    public async Task<IssuedRefreshToken> StartAsync(Guid userId)
    {
        if (session.RecordExists)
            throw new InvalidOperationException($"Login session {this.GetPrimaryKey()} already started.");

        session.State = new LoginSessionState { UserId = userId };
        var token = Issue();
        await session.WriteStateAsync();
        return token;
    }

    public async Task<SessionRefresh> RefreshAsync(byte[] secret)
    {
        var state = session.State;
        if (!session.RecordExists || state.RevokedAt is not null)
            return new SessionRefresh(RefreshStatus.Invalid);

        var hash = SHA256.HashData(secret);
        if (state.SpentHashes.Any(spent => CryptographicOperations.FixedTimeEquals(spent, hash)))
        {
            // Two parties hold tokens of this family: the legitimate client and whoever copied one.
            LogReuse(this.GetPrimaryKey(), state.UserId);
            state.RevokedAt = clock.GetUtcNow();
            await session.WriteStateAsync();
            return new SessionRefresh(RefreshStatus.Reused);
        }

        if (!CryptographicOperations.FixedTimeEquals(state.CurrentHash, hash) || state.CurrentExpiresAt <= clock.GetUtcNow())
            return new SessionRefresh(RefreshStatus.Invalid);

        state.SpentHashes.Add(state.CurrentHash);
        if (state.SpentHashes.Count > MaxSpentHashes)
            state.SpentHashes.RemoveRange(0, state.SpentHashes.Count - MaxSpentHashes);
        var token = Issue();
        await session.WriteStateAsync();
        return new SessionRefresh(RefreshStatus.Rotated, state.UserId, token);
    }

    public Task<bool> IsActiveAsync() => Task.FromResult(session.RecordExists && session.State.RevokedAt is null);

    public async Task RevokeAsync()
    {
        if (!session.RecordExists || session.State.RevokedAt is not null)
            return;
        session.State.RevokedAt = clock.GetUtcNow();
        await session.WriteStateAsync();
    }

    private IssuedRefreshToken Issue()
    {
        var secret = RandomNumberGenerator.GetBytes(RefreshTokenFormat.SecretBytes);
        session.State.CurrentHash = SHA256.HashData(secret);
        session.State.CurrentExpiresAt = clock.GetUtcNow() + _lifetime;
        return new IssuedRefreshToken(RefreshTokenFormat.Compose(this.GetPrimaryKey(), secret), session.State.CurrentExpiresAt);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Spent refresh token reused: login {SessionId} of user {UserId} revoked")]
    private partial void LogReuse(Guid sessionId, Guid userId);
}
