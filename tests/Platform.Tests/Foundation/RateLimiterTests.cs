using Api.Events;
using Api.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Platform.Tests.Foundation;

/// <summary>
/// The Api's rate limiter on its own, on a fake clock: budgets catch up with time when asked (nothing ticks), and
/// whole budgets are dropped by later requests. The 429 answers through HTTP are in ThrottlingTests and EventsRateLimitTests.
/// </summary>
public sealed class RateLimiterTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void A_fixed_window_admits_its_permits_then_says_when_the_window_ends()
    {
        var limiter = Limiter(_ => RequestRateLimit.FixedWindow("client", 2, TimeSpan.FromMinutes(1)));
        Assert.True(Admit(limiter, out _));
        _clock.Advance(TimeSpan.FromSeconds(15));
        Assert.True(Admit(limiter, out _));

        Assert.False(Admit(limiter, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(45), retryAfter);

        _clock.Advance(TimeSpan.FromSeconds(45));
        Assert.True(Admit(limiter, out _));
    }

    [Fact]
    public void A_token_bucket_refills_steadily_and_says_when_the_next_permit_is_there()
    {
        var limiter = Limiter(_ => RequestRateLimit.TokenBucket("client", 4, TimeSpan.FromSeconds(1)));
        for (var i = 0; i < 4; i++)
            Assert.True(Admit(limiter, out _));

        Assert.False(Admit(limiter, out var retryAfter));
        Assert.Equal(TimeSpan.FromMilliseconds(250), retryAfter);

        _clock.Advance(TimeSpan.FromMilliseconds(250));
        Assert.True(Admit(limiter, out _));
        Assert.False(Admit(limiter, out _));

        // Idle for long, the bucket holds its limit, not more.
        _clock.Advance(TimeSpan.FromHours(1));
        for (var i = 0; i < 4; i++)
            Assert.True(Admit(limiter, out _));
        Assert.False(Admit(limiter, out _));
    }

    [Fact]
    public void Partitions_and_policies_have_budgets_of_their_own_and_a_changed_limit_starts_a_new_one()
    {
        var permits = 1;
        var limiter = Limiter(context => RequestRateLimit.FixedWindow(context.Request.Headers["client"].ToString(), permits, TimeSpan.FromMinutes(1)),
            other: _ => RequestRateLimit.FixedWindow("a", 1, TimeSpan.FromMinutes(1)));
        Assert.True(Admit(limiter, out _, client: "a"));
        Assert.False(Admit(limiter, out _, client: "a"));
        Assert.True(Admit(limiter, out _, client: "b"));
        Assert.True(Admit(limiter, out _, client: "a", policy: "other"));

        permits = 2;
        Assert.True(Admit(limiter, out _, client: "a"));
    }

    [Fact]
    public void Whole_budgets_are_dropped_by_later_requests_and_used_ones_kept()
    {
        var limiter = Limiter(context => RequestRateLimit.FixedWindow(context.Request.Headers["client"].ToString(), 1, TimeSpan.FromMinutes(1)));
        for (var i = 0; i < 100; i++)
            Admit(limiter, out _, client: $"client-{i}");
        Assert.Equal(100, limiter.BudgetCount);

        _clock.Advance(TimeSpan.FromMinutes(1));
        Admit(limiter, out _, client: "late");
        Assert.Equal(1, limiter.BudgetCount);
        Assert.False(Admit(limiter, out _, client: "late"));
    }

    [Fact]
    public void A_crowd_of_budgets_is_swept_every_second_not_every_minute()
    {
        var limiter = Limiter(context => RequestRateLimit.TokenBucket(context.Request.Headers["client"].ToString(), 1, TimeSpan.FromSeconds(1)));
        for (var i = 0; i <= PlatformRateLimiter.CrowdedAbove; i++)
            Admit(limiter, out _, client: $"client-{i}");
        Assert.True(limiter.BudgetCount > PlatformRateLimiter.CrowdedAbove);

        _clock.Advance(TimeSpan.FromSeconds(1));
        Admit(limiter, out _, client: "late");
        Assert.Equal(1, limiter.BudgetCount);
    }

    [Fact]
    public void A_limit_without_permits_or_without_a_period_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RequestRateLimit.TokenBucket("client", 0, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => RequestRateLimit.FixedWindow("client", 1, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:00:01")]
    [InlineData("2.00:00:00")]
    public void An_ingestion_window_out_of_range_is_refused_at_start(string window)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Pipeline:RateLimit:Window"] = window }).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddEventsRateLimit().BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<EventsRateLimitOptions>>().Value);
    }

    private PlatformRateLimiter Limiter(Func<HttpContext, RequestRateLimit> policy, Func<HttpContext, RequestRateLimit>? other = null)
    {
        var policies = new RateLimitPolicies();
        policies.Add("policy", policy);
        if (other is not null) policies.Add("other", other);
        return new PlatformRateLimiter(Options.Create(policies), _clock);
    }

    private static bool Admit(PlatformRateLimiter limiter, out TimeSpan retryAfter, string client = "client", string policy = "policy")
    {
        var context = new DefaultHttpContext();
        context.Request.Headers["client"] = client;
        return limiter.TryAdmit(context, policy, out retryAfter);
    }
}
