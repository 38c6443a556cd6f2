using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Api.Http;

/// <summary>
/// The one rate limiter of the Api. An endpoint names its policy (<see cref="EndpointConventions.RequireLimit"/>), a
/// policy maps a request to its <see cref="RequestRateLimit"/> (features add theirs: <c>AuthRateLimiting</c>,
/// <c>EventsRateLimiting</c>), and a refusal is a 429 with <c>Retry-After</c> and a problem body.
/// <para>
/// Not ASP.NET Core's rate limiting middleware: its partitioned limiter replenishes on a 100 ms heartbeat that runs
/// whether or not a request comes, ten wake-ups a second of an idle Api. Here a budget catches up with the clock when
/// asked (<see cref="RateLimitBudget"/>), and whole budgets are dropped by the requests themselves.
/// </para>
/// </summary>
public sealed class PlatformRateLimiter(IOptions<RateLimitPolicies> policies, TimeProvider clock)
{
    /// <summary>Budgets kept before the requests start dropping whole ones every <see cref="CrowdedSweepPeriod"/>.</summary>
    internal const int CrowdedAbove = 10_000;

    private static readonly TimeSpan SweepPeriod = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan CrowdedSweepPeriod = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<(string Policy, RequestRateLimit Limit), RateLimitBudget> _budgets = new();
    private readonly long _origin = clock.GetTimestamp();
    private long _lookedAtTicks;
    // Read and written only by the request holding _sweeping.
    private long _sweptAtTicks;
    private int _sweeping;

    /// <summary>Budgets held now; for tests.</summary>
    internal int BudgetCount => _budgets.Count;

    /// <summary>Takes a permit of <paramref name="policy"/> for the request, or says how long until there is one.</summary>
    public bool TryAdmit(HttpContext context, string policy, out TimeSpan retryAfter)
    {
        var limit = policies.Value.Of(policy)(context);
        var now = clock.GetElapsedTime(_origin);
        var admitted = _budgets.GetOrAdd((policy, limit), static (key, now) => RateLimitBudget.For(key.Limit, now), now).TryTake(now, out retryAfter);
        SweepIfDue(now);
        return admitted;
    }

    /// <summary>
    /// Drops the budgets that are whole again. One request a second looks (counting the budgets takes every lock of
    /// the dictionary, so not every request does). A request racing with the drop may take from the dropped budget,
    /// and its partition's next request starts a whole one: at most one permit more, only in that moment, only for a
    /// partition that had had its whole budget back.
    /// </summary>
    private void SweepIfDue(TimeSpan now)
    {
        if (now.Ticks - Volatile.Read(ref _lookedAtTicks) < CrowdedSweepPeriod.Ticks || Interlocked.Exchange(ref _sweeping, 1) == 1)
            return;
        try
        {
            Volatile.Write(ref _lookedAtTicks, now.Ticks);
            if (_budgets.Count <= CrowdedAbove && now.Ticks - _sweptAtTicks < SweepPeriod.Ticks)
                return;
            _sweptAtTicks = now.Ticks;
            foreach (var (key, budget) in _budgets)
            {
                if (budget.IsWhole(now))
                    _budgets.TryRemove(new KeyValuePair<(string, RequestRateLimit), RateLimitBudget>(key, budget));
            }
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    /// <summary>A <c>Retry-After</c> value: whole seconds, rounded up, at least 1 (RFC 9110 delay-seconds).</summary>
    public static string RetryAfterSeconds(TimeSpan delay) =>
        Math.Max(1, (long)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}

/// <summary>The rate-limit policies by name; features add theirs with <see cref="PlatformRateLimiting.AddRateLimitPolicy"/>.</summary>
public sealed class RateLimitPolicies
{
    private readonly Dictionary<string, Func<HttpContext, RequestRateLimit>> _policies = [];

    internal void Add(string name, Func<HttpContext, RequestRateLimit> policy) => _policies.Add(name, policy);

    internal Func<HttpContext, RequestRateLimit> Of(string name) =>
        _policies.TryGetValue(name, out var policy) ? policy : throw new InvalidOperationException($"No rate-limit policy is named '{name}'.");
}

/// <summary>The endpoint metadata <see cref="EndpointConventions.RequireLimit"/> adds.</summary>
public sealed record RateLimitPolicyMetadata(string Policy);

public static class PlatformRateLimiting
{
    public static IServiceCollection AddRateLimitPolicy(this IServiceCollection services, string name, Func<HttpContext, RequestRateLimit> policy)
    {
        services.TryAddSingleton<PlatformRateLimiter>();
        return services.Configure<RateLimitPolicies>(policies => policies.Add(name, policy));
    }

    /// <summary>After authentication (policies partition by user) and write keys (by source).</summary>
    public static IApplicationBuilder UsePlatformRateLimits(this IApplicationBuilder app)
    {
        var limiter = app.ApplicationServices.GetRequiredService<PlatformRateLimiter>();
        return app.Use((context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<RateLimitPolicyMetadata>() is not { } metadata
                || limiter.TryAdmit(context, metadata.Policy, out var retryAfter))
            {
                return next(context);
            }
            // The status-code pages write the problem body.
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = PlatformRateLimiter.RetryAfterSeconds(retryAfter);
            context.Features.Get<IRateLimitRejectionCounter>()?.CountRejection();
            return Task.CompletedTask;
        });
    }
}
