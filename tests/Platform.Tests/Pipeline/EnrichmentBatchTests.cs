using System.Text.Json.Nodes;
using Grains.Interfaces.Pipeline;
using Grains.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Tests.Pipeline;

/// <summary>A user's events are enriched and stored a batch at a time, and the batch keeps the sequence exact.</summary>
public sealed class EnrichmentBatchTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Events_the_store_already_has_take_no_sequence_number_in_a_batch()
    {
        var user = $"batch-{Guid.NewGuid():N}";
        var enrichment = api.Services.GetRequiredService<IGrainFactory>().GetGrain<IEnrichmentGrain>(user);
        var (first, second, third) = (Raw(user, offset: 1), Raw(user, offset: 2), Raw(user, offset: 3));

        Assert.Equal([EnrichmentOutcome.Stored], await enrichment.EnrichAsync([first]));
        var outcomes = await enrichment.EnrichAsync(
            [second, first, third, first with { Source = new MessagePosition(0, 99) }, third]);

        Assert.Equal([EnrichmentOutcome.Stored, EnrichmentOutcome.Redelivered, EnrichmentOutcome.Stored,
            EnrichmentOutcome.Duplicate, EnrichmentOutcome.Duplicate], outcomes);
        var store = api.Services.GetRequiredService<IAnalyticsStore>();
        Assert.Equal(1, await SequenceOfAsync(store, first));
        Assert.Equal(2, await SequenceOfAsync(store, second));
        Assert.Equal(3, await SequenceOfAsync(store, third));
        Assert.Equal(3, await store.LastSequenceAsync(user));
    }

    private static RawEvent Raw(string user, long offset)
    {
        var json = PipelineKit.NewEvent(user);
        var now = DateTimeOffset.UtcNow;
        return new RawEvent(Guid.Parse(json["event_id"]!.GetValue<string>()), user, "user_action", now, now, json.ToJsonString(),
            new MessagePosition(0, offset));
    }

    private static async Task<long> SequenceOfAsync(IAnalyticsStore store, RawEvent rawEvent) =>
        JsonNode.Parse((await store.FindAsync(rawEvent.EventId))!)!["sequence"]!.GetValue<long>();
}
