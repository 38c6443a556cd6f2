using Platform.Tests.Infrastructure;

namespace Platform.Tests.Identity;

/// <summary>A token validated once and remembered still stops working when it expires and when its login ends.</summary>
public sealed class ValidatedTokenCacheTests
{
    [Fact]
    public async Task A_remembered_token_is_refused_once_it_expires()
    {
        await using var api = new ApiFactory(new Dictionary<string, string?>
        {
            ["Auth:AccessTokenLifetime"] = "00:00:02",
            ["Auth:ClockSkew"] = "00:00:00",
        });
        var user = await TestUsers.SignUpAsync(api.CreateClient());
        var client = api.CreateClient(user.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/auth/me")).StatusCode);

        await Eventually.Until(async () => (await client.GetAsync("/auth/me")).StatusCode == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(20), "the expired token to be refused");
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
