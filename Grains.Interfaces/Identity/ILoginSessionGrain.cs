namespace Grains.Interfaces.Identity;

/// <summary>
/// One login (key: the session id, the access token's <c>sid</c>) and its family of refresh tokens: each refresh
/// spends the current token and issues the next; a spent token coming back revokes the login.
/// </summary>
public interface ILoginSessionGrain : IGrainWithGuidKey
{
    Task<IssuedRefreshToken> StartAsync(Guid userId);

    /// <summary>Spends the token whose secret part is <paramref name="secret"/> and issues its successor.</summary>
    Task<SessionRefresh> RefreshAsync(byte[] secret);

    /// <summary>False once revoked, and for a session that never started.</summary>
    [Idempotent]
    Task<bool> IsActiveAsync();

    [Idempotent]
    Task RevokeAsync();
}
