using Grains.Interfaces.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Silo.Journal;

namespace Platform.Tests.Pipeline;

/// <summary>The journal keeps what the in-memory broker holds unprocessed, and no more.</summary>
public sealed class PipelineJournalTests
{
    [Fact]
    public async Task Processed_events_are_trimmed_from_the_journal()
    {
        await using var api = new ApiFactory();
        var client = api.CreateClient();
        await PipelineKit.PostBatchAsync(client, Enumerable.Range(0, 300).Select(i => PipelineKit.NewEvent($"journal-user-{i % 7}")));

        var journal = api.Services.GetRequiredService<SqlitePipelineJournal>();
        Assert.True(await journal.CountAsync(PipelineTopics.Raw, default) > 0, "the accepted events were journaled");
        await PipelineKit.WaitForDrainedStatsAsync(client);
        await Eventually.True(async () => await journal.CountAsync(PipelineTopics.Raw, default) == 0, PipelineKit.Drain,
            () => "the processed events to leave the journal");
    }

    [Fact]
    public async Task Ingestion_answers_503_while_the_embedded_broker_is_behind_and_accepts_again_once_it_caught_up()
    {
        // No backlog allowed: the moment a partition holds an event not yet committed as processed, admission closes.
        await using var api = new ApiFactory(new Dictionary<string, string?> { ["Pipeline:MaxBrokerBacklogMessages"] = "0" });
        var client = api.CreateClient();
        var accepted = new List<System.Text.Json.Nodes.JsonObject>();

        var refused = await Eventually.Until(async () =>
        {
            var batch = Enumerable.Range(0, 50).Select(_ => PipelineKit.NewEvent("backlog-user")).ToList();
            var response = await PostAsync(client, batch);
            if (response.StatusCode == HttpStatusCode.Accepted) accepted.AddRange(batch);
            return response;
        }, r => r.StatusCode == HttpStatusCode.ServiceUnavailable, PipelineKit.Drain, "a refusal while the broker is behind");
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After");
        var problem = await refused.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Contains("behind", problem.GetProperty("detail").GetString());

        var last = Enumerable.Range(0, 50).Select(_ => PipelineKit.NewEvent("backlog-user")).ToList();
        await Eventually.Until(() => PostAsync(client, last), r => r.StatusCode == HttpStatusCode.Accepted, PipelineKit.Drain, "acceptance once caught up");
        accepted.AddRange(last);
        await PipelineKit.WaitForStoredRowsAsync(api, accepted.Count);
        var stats = await PipelineKit.WaitForDrainedStatsAsync(client);
        Assert.Equal(accepted.Count, await PipelineKit.StoredRowsAsync(api));
        Assert.Equal(accepted.Count, stats.Count("accepted"));
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, IEnumerable<System.Text.Json.Nodes.JsonObject> events)
    {
        var body = new System.Text.Json.Nodes.JsonObject { ["batch"] = new System.Text.Json.Nodes.JsonArray([.. events.Select(e => (System.Text.Json.Nodes.JsonNode)e.DeepClone())]) };
        return client.PostAsync("/api/events", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
    }
}
