using System.Security.Claims;

namespace Api.Content;

internal static class CallerExtensions
{
    /// <summary>
    /// The signed-in caller's user id: the access token's <c>sub</c> claim. Only called on routes that
    /// require authorization, where every accepted token carries one.
    /// </summary>
    public static Guid CallerId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst("sub")?.Value, out var id)
            ? id
            : throw new InvalidOperationException("The authenticated principal has no user id ('sub' claim).");
}
