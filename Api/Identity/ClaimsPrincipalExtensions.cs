using System.Security.Claims;

namespace Api.Identity;

/// <summary>The signed-in user as other features see it.</summary>
public static class ClaimsPrincipalExtensions
{
    /// <summary>The caller's user id (the token's <c>sub</c>); for endpoints that require authorization.</summary>
    public static Guid UserId(this ClaimsPrincipal principal) =>
        principal.FindUserId() ?? throw new InvalidOperationException("The request is not authenticated; require authorization on this endpoint.");

    /// <summary>The login the caller's access token belongs to (its <c>sid</c>).</summary>
    public static Guid? SessionId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirst(AccessTokenClaims.SessionId)?.Value, out var id) ? id : null;

    /// <summary>The caller's user id, or null for an anonymous caller.</summary>
    public static Guid? FindUserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirst(AccessTokenClaims.Subject)?.Value, out var id) ? id : null;
}
