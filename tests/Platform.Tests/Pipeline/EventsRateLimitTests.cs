namespace Platform.Tests.Pipeline;

public sealed class EventsRateLimitTests
{
    [Fact]
    public async Task Over_the_limit_answers_429_with_Retry_After()
    {
        await using var api = new ApiFactory(new Dictionary<string, string?>
        {
            ["Pipeline:RateLimit:PermitLimit"] = "3",
            ["Pipeline:RateLimit:Window"] = "00:01:00",
        });
        var client = api.CreateClient();

        for (var i = 0; i < 3; i++)
            await PipelineKit.PostBatchAsync(client, [PipelineKit.NewEvent("limited")]);
        var refused = await client.PostAsync("/api/events", IngestionTests.Json(PipelineKit.NewEvent("limited")));

        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) >= 1);
    }
}
