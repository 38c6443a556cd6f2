using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using Grains.Interfaces.Pipeline;

namespace Grains.Pipeline;

/// <summary>
/// The dead-letter topic seen as a queue: what lies past the replay group's committed offsets is pending, less the
/// letters a filtered replay sent back already (<see cref="IDeadLetterReplaysGrain"/>). A replay writes the matching
/// letters' payloads back to the raw topic, records them, then commits each partition past its leading replayed ones.
/// A letter replayed twice (a crash between the write and the record) is harmless: deduplication and the store's key
/// make the second one a duplicate.
/// </summary>
public sealed class DeadLetterQueue(PipelineKafka kafka, PipelineCounters counters, IGrainFactory grains)
{
    private const string ReplayGroup = PipelineTopics.DeadLetterReplayGroup;
    private static readonly TimeSpan KafkaTimeout = TimeSpan.FromSeconds(10);

    // One replay at a time per node, so two requests do not send the same letters back twice.
    private readonly SemaphoreSlim _replaying = new(1, 1);

    private IDeadLetterReplaysGrain Replays => grains.GetGrain<IDeadLetterReplaysGrain>(0);

    public async Task<IReadOnlyList<JsonObject>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        await kafka.EnsureStartedAsync();
        var replayed = ReplayedSet.Of(await Replays.GetAsync());
        var partitions = await ReadPendingAsync(replayed, limit, cancellationToken);
        return [.. partitions.SelectMany(p => p.Letters).Where(l => !l.Replayed).Select(l => l.Letter)];
    }

    /// <summary>Replays the pending letters <paramref name="filter"/> matches; a dry run only counts them.</summary>
    public async Task<ReplayOutcome> ReplayAsync(DeadLetterFilter filter, bool dryRun, CancellationToken cancellationToken)
    {
        await kafka.EnsureStartedAsync();
        await _replaying.WaitAsync(cancellationToken);
        try
        {
            var replayed = ReplayedSet.Of(await Replays.GetAsync());
            var partitions = await ReadPendingAsync(replayed, int.MaxValue, cancellationToken);
            var matched = partitions.SelectMany(p => p.Letters).Where(l => !l.Replayed && filter.Matches(l.Letter)).ToList();
            if (dryRun || matched.Count == 0)
                return new ReplayOutcome(matched.Count, 0);

            var headers = new Headers { { PipelineTopics.SourceHeader, Encoding.UTF8.GetBytes(PipelineTopics.SourceReplay) } };
            await Task.WhenAll(matched.Select(l =>
                kafka.ProduceAsync(PipelineTopics.Raw, KeyOf(l.Letter), Encoding.UTF8.GetBytes((string?)l.Letter["payload"] ?? ""), headers, cancellationToken)));
            counters.Replayed(matched.Count);
            foreach (var letter in matched) letter.Replayed = true;
            await Replays.AddAsync(matched.GroupBy(l => l.Partition).ToDictionary(g => g.Key, g => g.Select(l => l.Offset).ToArray()));

            var committed = partitions.Select(p => (p.Partition, Offset: p.FirstNotReplayed())).Where(c => c.Offset > 0).ToList();
            if (committed.Count > 0)
            {
                using var committer = new ConsumerBuilder<string?, byte[]>(kafka.Configs.GroupConsumer(ReplayGroup)).Build();
                committer.Commit(committed.Select(c => new TopicPartitionOffset(PipelineTopics.DeadLetter, c.Partition, c.Offset)));
                await Replays.ForgetBelowAsync(committed.ToDictionary(c => c.Partition, c => c.Offset));
            }
            return new ReplayOutcome(matched.Count, matched.Count);
        }
        finally
        {
            _replaying.Release();
        }
    }

    /// <summary>The event's own user_id when the payload has one, so a letter dead-lettered for a wrong key goes back under the right one.</summary>
    private static string? KeyOf(JsonObject letter)
    {
        try
        {
            if (JsonNode.Parse((string?)letter["payload"] ?? "") is JsonObject payload && payload["user_id"] is JsonValue id && id.TryGetValue(out string? userId))
                return userId;
        }
        catch (JsonException)
        {
            // Not JSON at all: it goes back under its original key and will be dead-lettered again, visibly.
        }
        return (string?)letter["key"];
    }

    /// <summary>
    /// Each partition's letters past the committed offset, read until <paramref name="limit"/> of them are not replayed
    /// yet; the replayed ones are read too, so that a commit can move past them.
    /// </summary>
    private async Task<List<PendingPartition>> ReadPendingAsync(ReplayedSet replayed, int limit, CancellationToken cancellationToken)
    {
        var positions = await kafka.GroupPositionsAsync(ReplayGroup, await kafka.PartitionsAsync(PipelineTopics.DeadLetter, KafkaTimeout), KafkaTimeout);
        return await Task.Run(() => ReadPending(positions, replayed, limit), cancellationToken);
    }

    private List<PendingPartition> ReadPending(List<GroupPosition> positions, ReplayedSet replayed, int limit)
    {
        using var consumer = new ConsumerBuilder<string?, byte[]>(kafka.Configs.GroupConsumer(ReplayGroup)).Build();
        var partitions = new List<PendingPartition>();
        var notReplayed = 0;
        foreach (var position in positions)
        {
            var pending = new PendingPartition(position.Partition.Partition.Value, position.Committed);
            partitions.Add(pending);
            if (pending.End >= position.End || notReplayed >= limit) continue;
            consumer.Assign(new TopicPartitionOffset(position.Partition, pending.End));
            while (pending.End < position.End && notReplayed < limit && consumer.Consume(KafkaTimeout) is { IsPartitionEOF: false } result)
            {
                var letter = JsonNode.Parse(result.Message.Value) as JsonObject ?? new JsonObject();
                letter["dlq_partition"] = result.Partition.Value;
                letter["dlq_offset"] = result.Offset.Value;
                var wasReplayed = replayed.Contains(result.Partition.Value, result.Offset.Value);
                pending.Letters.Add(new PendingLetter(letter, result.Partition.Value, result.Offset.Value) { Replayed = wasReplayed });
                if (!wasReplayed) notReplayed++;
                pending.End = result.Offset + 1;
            }
        }
        return partitions;
    }

    private sealed class PendingLetter(JsonObject letter, int partition, long offset)
    {
        public JsonObject Letter => letter;
        public int Partition => partition;
        public long Offset => offset;
        public bool Replayed { get; set; }
    }

    /// <summary>A partition's letters from the committed offset on, up to <see cref="End"/>.</summary>
    private sealed class PendingPartition(int partition, long start)
    {
        public int Partition => partition;
        public long End { get; set; } = start;
        public List<PendingLetter> Letters { get; } = [];

        /// <summary>Where the replay group may commit: past every leading letter that has been replayed.</summary>
        public long FirstNotReplayed() => Letters.FirstOrDefault(l => !l.Replayed)?.Offset ?? End;
    }

    private sealed class ReplayedSet(Dictionary<int, HashSet<long>> offsets)
    {
        public static ReplayedSet Of(Dictionary<int, long[]> replayed) => new(replayed.ToDictionary(p => p.Key, p => p.Value.ToHashSet()));

        public bool Contains(int partition, long offset) => offsets.TryGetValue(partition, out var kept) && kept.Contains(offset);
    }
}

/// <summary>What a replay found and sent back.</summary>
public sealed record ReplayOutcome(int Matched, int Replayed);
