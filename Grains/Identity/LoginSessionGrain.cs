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
    private const int MaxUserAgentLength = 256;

    private readonly TimeSpan _lifetime = settings.Value.RefreshTokenLifetime;
    private readonly TimeSpan _reuseGrace = settings.Value.RefreshReuseGrace;

    public async Task<IssuedRefreshToken> StartAsync(Guid userId, ClientInfo client)
    {
        if (session.RecordExists)
            throw new InvalidOperationException($"Login session {this.GetPrimaryKey()} already started.");

        var now = clock.GetUtcNow();
        session.State = new LoginSessionState { UserId = userId, CreatedAt = now };
        var token = Issue(KeyedSecretToken.NewSecret(), client, now);
        await session.WriteStateAsync();
        return token;
    }

    public async Task<SessionRefresh> RefreshAsync(byte[] secret, ClientInfo client)
    {
        var state = session.State;
        var now = clock.GetUtcNow();
        if (!session.RecordExists || state.RevokedAt is not null)
            return new SessionRefresh(RefreshStatus.Invalid);

        var hash = KeyedSecretToken.Hash(secret);
        if (CryptographicOperations.FixedTimeEquals(hash, state.CurrentHash))
        {
            if (state.CurrentExpiresAt <= now)
                return new SessionRefresh(RefreshStatus.Invalid);
            state.PreviousHash = state.CurrentHash;
            state.RotatedAt = now;
            state.SuccessorSeed = KeyedSecretToken.NewSecret();
            state.SpentHashes.Add(state.CurrentHash);
            if (state.SpentHashes.Count > MaxSpentHashes)
                state.SpentHashes.RemoveRange(0, state.SpentHashes.Count - MaxSpentHashes);
            var token = Issue(Successor(secret), client, now);
            await session.WriteStateAsync();
            return new SessionRefresh(RefreshStatus.Rotated, state.UserId, token);
        }

        // Two tabs that refreshed with the same token at once: the later one gets what the first got.
        if (CryptographicOperations.FixedTimeEquals(hash, state.PreviousHash) && now - state.RotatedAt <= _reuseGrace)
        {
            return new SessionRefresh(RefreshStatus.Rotated, state.UserId,
                new IssuedRefreshToken(KeyedSecretToken.Compose(this.GetPrimaryKey(), Successor(secret)), state.CurrentExpiresAt));
        }

        if (state.SpentHashes.Any(spent => CryptographicOperations.FixedTimeEquals(spent, hash)))
        {
            // Two parties hold tokens of this family: the legitimate client and whoever copied one.
            LogReuse(this.GetPrimaryKey(), state.UserId);
            state.RevokedAt = now;
            await session.WriteStateAsync();
            return new SessionRefresh(RefreshStatus.Reused);
        }
        return new SessionRefresh(RefreshStatus.Invalid);
    }

    public Task<bool> IsActiveAsync() => Task.FromResult(IsActive());

    public Task<SessionInfo?> GetInfoAsync()
    {
        var state = session.State;
        return Task.FromResult(IsActive() && state.CurrentExpiresAt > clock.GetUtcNow()
            ? new SessionInfo(this.GetPrimaryKey(), state.UserId, state.CreatedAt, state.LastUsedAt, state.UserAgent, state.IpAddress)
            : null);
    }

    public async Task RevokeAsync()
    {
        if (!IsActive())
            return;
        session.State.RevokedAt = clock.GetUtcNow();
        await session.WriteStateAsync();
    }

    private bool IsActive() => session.RecordExists && session.State.RevokedAt is null;

    private byte[] Successor(byte[] previousSecret) => HMACSHA256.HashData(session.State.SuccessorSeed, previousSecret);

    private IssuedRefreshToken Issue(byte[] secret, ClientInfo client, DateTimeOffset now)
    {
        var state = session.State;
        state.CurrentHash = KeyedSecretToken.Hash(secret);
        state.CurrentExpiresAt = now + _lifetime;
        state.LastUsedAt = now;
        state.UserAgent = client.UserAgent is { } agent ? TextLength.Truncate(agent, MaxUserAgentLength) : null;
        state.IpAddress = client.IpAddress;
        return new IssuedRefreshToken(KeyedSecretToken.Compose(this.GetPrimaryKey(), secret), state.CurrentExpiresAt);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Spent refresh token reused: login {SessionId} of user {UserId} revoked")]
    private partial void LogReuse(Guid sessionId, Guid userId);
}
