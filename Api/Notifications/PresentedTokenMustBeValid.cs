using Microsoft.AspNetCore.Authorization;

namespace Api.Notifications;

/// <summary>
/// Notification endpoints serve anonymous clients too, but a client that presents a token it cannot back
/// up is refused (401) rather than quietly demoted to anonymous: it would otherwise miss its own
/// notifications without knowing why.
/// </summary>
internal static class PresentedTokenMustBeValid
{
    public const string PolicyName = "notifications";

    public static AuthorizationPolicy Policy { get; } = new AuthorizationPolicyBuilder()
        .RequireAssertion(context => context.User.Identity?.IsAuthenticated == true
            || context.Resource is not HttpContext http
            || !TokenPresented(http.Request))
        .Build();

    private static bool TokenPresented(HttpRequest request) =>
        request.Headers.Authorization.Count > 0 || request.Query.ContainsKey("access_token");
}
