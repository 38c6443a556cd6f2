namespace Platform.Tests.Identity;

/// <summary>Brute-force limits answer 429 with Retry-After. Each test runs its own Api with small limits.</summary>
public sealed class ThrottlingTests
{
    [Fact]
    public async Task Repeated_logins_from_one_client_get_429_with_Retry_After()
    {
        using var api = Api(("LogInPermitLimit", "3"), ("LogInWindow", "00:05:00"));
        var client = api.CreateClient();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await LogInAsync(client, $"{Guid.NewGuid():N}@example.com", "wrong-password")).StatusCode);

        await AssertThrottled(await LogInAsync(client, $"{Guid.NewGuid():N}@example.com", "wrong-password"), TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task Repeated_failures_for_one_account_lock_it_with_429_and_Retry_After()
    {
        var clock = new TestClock();
        using var api = Api(clock, ("AccountFailureLimit", "3"), ("AccountLockout", "00:10:00"));
        var client = api.CreateClient();
        var victim = await TestUsers.SignUpAsync(client);
        var bystander = await TestUsers.SignUpAsync(client);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await LogInAsync(client, victim.Email, "wrong-password")).StatusCode);

        // Locked: even the right password is refused until the lockout ends.
        await AssertThrottled(await LogInAsync(client, victim.Email, victim.Password), TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.OK, (await LogInAsync(client, bystander.Email, bystander.Password)).StatusCode);

        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.OK, (await LogInAsync(client, victim.Email, victim.Password)).StatusCode);
    }

    [Fact]
    public async Task Signups_from_one_client_are_limited()
    {
        using var api = Api(("SignUpPermitLimit", "2"), ("SignUpWindow", "00:10:00"));
        var client = api.CreateClient();
        await TestUsers.SignUpAsync(client);
        await TestUsers.SignUpAsync(client);

        var third = await client.PostAsJsonAsync("/auth/signup", new { email = $"{Guid.NewGuid():N}@example.com", password = "long-enough" });
        await AssertThrottled(third, TimeSpan.FromMinutes(10));
    }

    private static ApiFactory Api(params (string Key, string Value)[] limits) => Api(clock: null, limits);

    private static ApiFactory Api(TimeProvider? clock, params (string Key, string Value)[] limits) =>
        new(IdentityApiFactory.Settings(limits.ToDictionary(l => $"Auth:RateLimits:{l.Key}", l => (string?)l.Value)), clock: clock);

    private static Task<HttpResponseMessage> LogInAsync(HttpClient client, string email, string password) =>
        client.PostAsJsonAsync("/auth/login", new { email, password });

    private static async Task AssertThrottled(HttpResponseMessage response, TimeSpan window)
    {
        await response.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), window);
    }
}
