using System.Text.Json;
using Api.Identity;
using Jose;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Tests.Identity;

/// <summary>
/// POST /auth/keys/rotate across two Api nodes of one cluster, on one clock the test moves: the next generation is
/// published at once, signs after the announce period, and tokens of the previous one keep working until they expire.
/// Node A hosts the cluster's silo and node B is a client of it (two silos would not agree on their membership on a
/// clock that only moves when told to).
/// </summary>
public sealed class KeyRotationTests
{
    private static readonly TimeSpan AnnouncePeriod = TimeSpan.FromMinutes(10);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_rotation_announces_then_signs_and_old_tokens_work_on_both_nodes_until_they_expire(bool keysConfigured)
    {
        var clock = new TestClock();
        var (nodeA, nodeB) = await StartNodesAsync(clock, keysConfigured);
        using var _ = nodeA;
        using var __ = nodeB;

        var user = await TestUsers.SignUpAsync(nodeA.CreateClient());
        var oldKid = Assert.Single(await KeyIdsAsync(nodeB));
        var oldEncryptionKid = EncryptionKid(user.AccessToken);

        var rotation = await nodeA.CreateOperatorClient().PostAsync("/auth/keys/rotate", null);
        Assert.Equal(HttpStatusCode.Accepted, rotation.StatusCode);
        var next = await rotation.Content.ReadFromJsonAsync<JsonElement>();
        var newKid = next.GetProperty("signing_kid").GetString()!;
        Assert.Equal(clock.GetUtcNow() + AnnouncePeriod, next.GetProperty("signs_from").GetDateTimeOffset(), TimeSpan.FromSeconds(1));

        // Published at once (the other node reads the ring again for JWKS within seconds), not yet signing.
        Assert.Equal([oldKid, newKid], await KeyIdsAsync(nodeA));
        clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal([oldKid, newKid], await KeyIdsAsync(nodeB));
        Assert.Equal(oldEncryptionKid, EncryptionKid(await LogInAsync(nodeB, user)));

        clock.Advance(AnnouncePeriod);
        var fromA = await LogInAsync(nodeA, user);
        var fromB = await LogInAsync(nodeB, user);
        Assert.Equal(next.GetProperty("encryption_kid").GetString(), EncryptionKid(fromA));
        Assert.Equal(EncryptionKid(fromA), EncryptionKid(fromB));
        foreach (var node in new[] { nodeA, nodeB })
        {
            foreach (var token in new[] { user.AccessToken, fromA, fromB })
                Assert.Equal(HttpStatusCode.OK, (await node.CreateClient(token).GetAsync("/auth/me")).StatusCode);
        }

        // Once every token the old generation signed has expired (15 min + 30 s of skew after it retired), it is gone.
        clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal([newKid], await KeyIdsAsync(nodeA));
        Assert.Equal([newKid], await KeyIdsAsync(nodeB));
        Assert.Equal(HttpStatusCode.Unauthorized, (await nodeB.CreateClient(user.AccessToken).GetAsync("/auth/me")).StatusCode);
    }

    [Fact]
    public async Task A_node_that_has_not_read_the_rotation_yet_accepts_a_token_of_the_new_generation()
    {
        var clock = new TestClock();
        var (nodeA, nodeB) = await StartNodesAsync(clock, keysConfigured: false);
        using var _ = nodeA;
        using var __ = nodeB;
        var user = await TestUsers.SignUpAsync(nodeB.CreateClient());

        Assert.Equal(HttpStatusCode.Accepted, (await nodeA.CreateOperatorClient().PostAsync("/auth/keys/rotate", null)).StatusCode);
        clock.Advance(AnnouncePeriod + TimeSpan.FromSeconds(1));
        var token = await LogInAsync(nodeA, user);

        Assert.Equal(HttpStatusCode.OK, (await nodeB.CreateClient(token).GetAsync("/auth/me")).StatusCode);
    }

    [Fact]
    public async Task A_node_loads_the_key_ring_once_started_before_any_request_needs_it()
    {
        using var api = new ApiFactory();
        var keys = api.Services.GetRequiredService<AccessTokenKeySource>();

        await Eventually.True(() => keys.Loaded is not null, TimeSpan.FromSeconds(30), () => "the key ring was not loaded at start");
    }

    [Fact]
    public async Task Rotating_needs_an_operator()
    {
        using var api = new ApiFactory();
        var user = await TestUsers.SignUpAsync(api.CreateClient());

        await (await api.CreateClient().PostAsync("/auth/keys/rotate", null)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var asUser = await api.CreateClient(user.AccessToken).PostAsync("/auth/keys/rotate", null);
        Assert.Contains(asUser.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });
        Assert.Single(await KeyIdsAsync(api));
    }

    private static async Task<(ApiFactory A, ApiFactory B)> StartNodesAsync(TestClock clock, bool keysConfigured)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Orleans"] = await PostgresServer.CreateDatabaseAsync(),
            ["Orleans:ClusterId"] = $"test-{Guid.NewGuid():N}",
            ["Orleans:AdvertisedIP"] = "127.0.0.1",
        };
        if (keysConfigured)
            settings = IdentityApiFactory.Settings(settings);
        var nodeA = new ApiFactory(new Dictionary<string, string?>(settings) { ["Orleans:HostSilo"] = "true" }, clock: clock);
        await KeyIdsAsync(nodeA);
        var nodeB = new ApiFactory(new Dictionary<string, string?>(settings) { ["Orleans:HostSilo"] = "false" }, clock: clock);
        await Eventually.Until(async () => (await KeyIdsAsync(nodeB)).Count == 1, TimeSpan.FromSeconds(60), "node B to reach the silo of node A");
        return (nodeA, nodeB);
    }

    private static async Task<List<string>> KeyIdsAsync(ApiFactory node) =>
        [.. (await node.CreateClient().GetFromJsonAsync<JsonElement>("/.well-known/jwks.json")).GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];

    private static string EncryptionKid(string token) => (string)JWT.Headers(token)["kid"];

    private static async Task<string> LogInAsync(ApiFactory node, TestUser user)
    {
        var response = await node.CreateClient().PostAsJsonAsync("/auth/login", new { email = user.Email, password = user.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }
}
