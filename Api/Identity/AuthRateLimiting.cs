using System.Threading.RateLimiting;
using Api.Http;
using Microsoft.Extensions.Options;

namespace Api.Identity;

/// <summary>Per-client limits on signup and login, partitioned by remote IP address.</summary>
public static class AuthRateLimiting
{
    public const string LogInPolicy = "auth-login";
    public const string SignUpPolicy = "auth-signup";

    internal static IServiceCollection AddAuthRateLimits(this IServiceCollection services) => services.AddPlatformRateLimiter().AddRateLimiter(o =>
    {
        o.AddPolicy(LogInPolicy, context => FixedWindow(context, l => (l.LogInPermitLimit, l.LogInWindow)));
        o.AddPolicy(SignUpPolicy, context => FixedWindow(context, l => (l.SignUpPermitLimit, l.SignUpWindow)));
    });

    private static RateLimitPartition<string> FixedWindow(HttpContext context, Func<AuthRateLimitOptions, (int Permits, TimeSpan Window)> pick)
    {
        var (permits, window) = pick(context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.RateLimits);
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
        });
    }
}
