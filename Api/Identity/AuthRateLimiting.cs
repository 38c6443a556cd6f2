using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Api.Identity;

/// <summary>Per-client limits on signup and login, partitioned by remote IP address.</summary>
public static class AuthRateLimiting
{
    public const string LogInPolicy = "auth-login";
    public const string SignUpPolicy = "auth-signup";

    internal static IServiceCollection AddAuthRateLimits(this IServiceCollection services) => services.AddRateLimiter(o =>
    {
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        o.OnRejected = WriteRetryAfter;
        o.AddPolicy(LogInPolicy, context => FixedWindow(context, l => (l.LogInPermitLimit, l.LogInWindow)));
        o.AddPolicy(SignUpPolicy, context => FixedWindow(context, l => (l.SignUpPermitLimit, l.SignUpWindow)));
    });

    /// <summary>Applies to every rate-limit policy of the Api: a rejection says when to come back.</summary>
    private static ValueTask WriteRetryAfter(OnRejectedContext context, CancellationToken cancellationToken)
    {
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            context.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds(retryAfter);
        return ValueTask.CompletedTask;
    }

    /// <summary>Whole seconds, rounded up, at least 1 (RFC 9110 delay-seconds).</summary>
    public static string RetryAfterSeconds(TimeSpan delay) =>
        Math.Max(1, (long)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

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
