using Api.Http;
using Microsoft.Extensions.Options;

namespace Api.Identity;

/// <summary>Per-client limits on signup, login and account mails, partitioned by remote IP address (mails of a signed-in user: by user).</summary>
public static class AuthRateLimiting
{
    public const string LogInPolicy = "auth-login";
    public const string SignUpPolicy = "auth-signup";
    public const string MailPolicy = "auth-mail";

    internal static IServiceCollection AddAuthRateLimits(this IServiceCollection services) => services
        .AddRateLimitPolicy(LogInPolicy, context => FixedWindow(context, l => (l.LogInPermitLimit, l.LogInWindow)))
        .AddRateLimitPolicy(SignUpPolicy, context => FixedWindow(context, l => (l.SignUpPermitLimit, l.SignUpWindow)))
        .AddRateLimitPolicy(MailPolicy, context => FixedWindow(context, l => (l.MailPermitLimit, l.MailWindow), byUser: true));

    private static RequestRateLimit FixedWindow(HttpContext context, Func<AuthRateLimitOptions, (int Permits, TimeSpan Window)> pick, bool byUser = false)
    {
        var (permits, window) = pick(context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.RateLimits);
        var client = byUser && context.User.Identity?.IsAuthenticated == true
            ? "user:" + context.User.FindFirst(AccessTokenClaims.Subject)?.Value
            : context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RequestRateLimit.FixedWindow(client, permits, window);
    }
}
