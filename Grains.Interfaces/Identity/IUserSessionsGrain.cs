namespace Grains.Interfaces.Identity;

/// <summary>The logins of one user (key: the user id), so the user can see them and end any, and a password reset can end all.</summary>
public interface IUserSessionsGrain : IGrainWithGuidKey
{
    Task AddAsync(Guid sessionId);

    /// <summary>The active logins, oldest first.</summary>
    [Idempotent]
    Task<SessionInfo[]> ListAsync();

    /// <summary>Ends one of this user's logins; false when <paramref name="sessionId"/> is not one of them.</summary>
    Task<bool> RevokeAsync(Guid sessionId);

    /// <summary>Ends every login of this user but <paramref name="except"/>.</summary>
    [Idempotent]
    Task RevokeAllAsync(Guid? except = null);
}
