using Grains.Interfaces.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Platform.Tests.Infrastructure;
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
}
