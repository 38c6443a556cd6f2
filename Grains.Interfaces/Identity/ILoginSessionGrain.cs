namespace Grains.Interfaces.Identity;

/// <summary>
/// One login (key: the session id, the access token's <c>sid</c>) and its family of refresh tokens: each refresh
/// spends the current token and issues the next; a spent token coming back revokes the login, unless it is the
/// one spent last and comes back within the reuse grace (two tabs refreshing at once), which gets the same successor.
/// </summary>
public interface ILoginSessionGrain : IGrainWithGuidKey
{
    Task<IssuedRefreshToken> StartAsync(Guid userId, ClientInfo client);

    /// <summary>Spends the token whose secret part is <paramref name="secret"/> and issues its successor.</summary>
    Task<SessionRefresh> RefreshAsync(byte[] secret, ClientInfo client);

    /// <summary>False once revoked, and for a session that never started.</summary>
    [Idempotent]
    Task<bool> IsActiveAsync();

    /// <summary>Null once revoked or expired, and for a session that never started.</summary>
    [Idempotent]
    Task<SessionInfo?> GetInfoAsync();

    [Idempotent]
    Task RevokeAsync();
}
