using System.Text.Json;

namespace Platform.Tests.Identity;

/// <summary>Access tokens work on every Api node and after restarts, because every node has the same keys; ending a login anywhere ends it everywhere.</summary>
public sealed class ApiNodesTests
{
    [Fact]
    public async Task A_token_keeps_working_across_an_Api_restart_with_generated_keys()
    {
        using var data = new TempDirectory();
        // No SECRET_KEY or JWE_SECRET_KEY: the keys are generated once and kept in grain storage.
        var settings = new Dictionary<string, string?> { ["Storage:DataDirectory"] = data.Path };

        TestUser user;
        string keyId;
        using (var first = new ApiFactory(settings))
        {
            var client = first.CreateClient();
            user = await TestUsers.SignUpAsync(client);
            keyId = await KeyIdAsync(client);
        }

        using var second = new ApiFactory(settings);
        Assert.Equal(keyId, await KeyIdAsync(second.CreateClient()));
        Assert.Equal(HttpStatusCode.OK, (await second.CreateClient(user.AccessToken).GetAsync("/auth/me")).StatusCode);
        var refresh = await second.CreateClient().PostAsJsonAsync("/auth/refresh", new { refresh_token = user.RefreshToken });
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Two_Api_nodes_of_one_cluster_accept_each_others_tokens(bool keysConfigured)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Orleans"] = await PostgresServer.CreateDatabaseAsync(),
            ["Orleans:HostSilo"] = "true",
            ["Orleans:ClusterId"] = $"test-{Guid.NewGuid():N}",
            ["Orleans:AdvertisedIP"] = "127.0.0.1",
        };
        if (keysConfigured)
            settings = IdentityApiFactory.Settings(settings);

        using var nodeA = new ApiFactory(settings);
        var user = await TestUsers.SignUpAsync(nodeA.CreateClient());
        using var nodeB = new ApiFactory(settings);

        var onB = nodeB.CreateClient(user.AccessToken);
        await Eventually.Until(async () => (await onB.GetAsync("/auth/me")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "node B to accept node A's token");
        var keyId = await KeyIdAsync(nodeA.CreateClient());
        Assert.Equal(keyId, await KeyIdAsync(nodeB.CreateClient()));
        if (keysConfigured)
            Assert.Equal(TestTokens.KeyId, keyId);

        // Ending a session on one node ends it on every node at once: another login, ended from node B's list...
        var phone = await (await nodeA.CreateClient().PostAsJsonAsync("/auth/login", new { email = user.Email, password = user.Password })).Content.ReadFromJsonAsync<JsonElement>();
        var phoneToken = phone.GetProperty("access_token").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await nodeA.CreateClient(phoneToken).GetAsync("/auth/me")).StatusCode);
        var sessions = (await onB.GetFromJsonAsync<JsonElement>("/auth/sessions")).GetProperty("items").EnumerateArray();
        var phoneSession = sessions.Single(s => !s.GetProperty("current").GetBoolean()).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await onB.DeleteAsync($"/auth/sessions/{phoneSession}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await nodeA.CreateClient(phoneToken).GetAsync("/auth/me")).StatusCode);
        // ...and this one, logged out on node B.
        Assert.Equal(HttpStatusCode.NoContent, (await onB.PostAsync("/auth/logout", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await nodeA.CreateClient(user.AccessToken).GetAsync("/auth/me")).StatusCode);
    }

    private static async Task<string> KeyIdAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/.well-known/jwks.json")).GetProperty("keys")[0].GetProperty("kid").GetString()!;
}
