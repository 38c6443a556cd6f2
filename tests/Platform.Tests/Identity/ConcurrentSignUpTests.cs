namespace Platform.Tests.Identity;

public sealed class ConcurrentSignUpTests(IdentityApiFactory api) : IClassFixture<IdentityApiFactory>
{
    [Fact]
    public async Task Fifty_concurrent_signups_with_one_email_make_exactly_one_account()
    {
        var client = api.CreateClient();
        var local = $"race-{Guid.NewGuid():N}";
        // Case and spacing vary: they are one email.
        var attempts = Enumerable.Range(0, 50).Select(i => client.PostAsJsonAsync("/auth/signup", new
        {
            email = i % 2 == 0 ? $"{local}@example.com" : $" {local.ToUpperInvariant()}@EXAMPLE.com",
            password = $"password-{i}",
        }));

        var statuses = (await Task.WhenAll(attempts)).Select(r => r.StatusCode).ToList();

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(49, statuses.Count(s => s == HttpStatusCode.Conflict));
    }
}
