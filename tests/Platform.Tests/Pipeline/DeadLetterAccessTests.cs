using System.Net.Http.Headers;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Pipeline;

/// <summary>In cluster mode the dead-letter endpoints are the operators': they ask for the administrator's credentials.</summary>
public sealed class DeadLetterAccessTests
{
    [Fact]
    public async Task Dead_letter_endpoints_require_the_administrator_token_in_cluster_mode()
    {
        await using var api = new ApiFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Orleans"] = await PostgresServer.CreateDatabaseAsync(),
            ["Orleans:HostSilo"] = "true",
            ["Orleans:AdvertisedIP"] = "127.0.0.1",
            ["Dashboard:Token"] = "operator-token",
        });
        var client = api.CreateClient();

        var anonymous = await client.GetAsync("/api/pipeline/dlq");
        await Foundation.HttpBasicsTests.AssertProblem(anonymous, HttpStatusCode.Unauthorized);
        await Foundation.HttpBasicsTests.AssertProblem(await client.PostAsync("/api/pipeline/dlq/replay", null), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/pipeline/stats")).StatusCode);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "operator-token");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/pipeline/dlq")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/pipeline/dlq/replay", null)).StatusCode);
    }
}
