namespace Platform.Tests.Identity;

/// <summary>A token validated once and remembered still stops working when it expires and when its login ends.</summary>
public sealed class ValidatedTokenCacheTests
{
    [Fact]
    public async Task A_remembered_token_is_refused_once_it_expires()
    {
        var clock = new TestClock();
        await using var api = new ApiFactory(new Dictionary<string, string?> { ["Auth:ClockSkew"] = "00:00:00" }, clock: clock);
        var user = await TestUsers.SignUpAsync(api.CreateClient());
        var client = api.CreateClient(user.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/auth/me")).StatusCode);

        // The default lifetime is 15 minutes: a second before its end the token holds, at its end it does not.
        clock.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/auth/me")).StatusCode);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/auth/me")).StatusCode);
    }

    [Fact]
    public async Task A_remembered_token_is_refused_at_once_after_logout()
    {
        await using var api = new ApiFactory();
        var user = await TestUsers.SignUpAsync(api.CreateClient());
        var client = api.CreateClient(user.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/auth/verify")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/auth/logout", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/auth/verify")).StatusCode);
    }
}
