using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using Grains.Interfaces.Pipeline;

namespace Grains.Pipeline;

/// <summary>
/// The dead-letter topic seen as a queue: what lies past the replay group's committed offsets is pending.
/// A replay writes the pending payloads back to the raw topic, then commits past them.
/// </summary>
public sealed class DeadLetterQueue(PipelineKafka kafka, PipelineCounters counters)
{
    private const string ReplayGroup = PipelineTopics.DeadLetterReplayGroup;
    private static readonly TimeSpan KafkaTimeout = TimeSpan.FromSeconds(10);

    // One replay at a time per node, so two requests do not send the same letters back twice.
    private readonly SemaphoreSlim _replaying = new(1, 1);

    public async Task<IReadOnlyList<JsonObject>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        await kafka.EnsureStartedAsync();
        return await Task.Run(() => ReadPending(limit, commit: false).Letters, cancellationToken);
    }

    public async Task<int> ReplayAsync(CancellationToken cancellationToken)
    {
        await kafka.EnsureStartedAsync();
        await _replaying.WaitAsync(cancellationToken);
        try
        {
            var (letters, commit) = await Task.Run(() => ReadPending(int.MaxValue, commit: true), cancellationToken);
            var headers = new Headers { { PipelineTopics.SourceHeader, Encoding.UTF8.GetBytes(PipelineTopics.SourceReplay) } };
            await Task.WhenAll(letters.Select(letter =>
                kafka.ProduceAsync(PipelineTopics.Raw, KeyOf(letter), Encoding.UTF8.GetBytes((string?)letter["payload"] ?? ""), headers, cancellationToken)));
            commit();
            counters.Replayed(letters.Count);
            return letters.Count;
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

    private (List<JsonObject> Letters, Action Commit) ReadPending(int limit, bool commit)
    {
        using var consumer = new ConsumerBuilder<string?, byte[]>(kafka.Configs.GroupConsumer(ReplayGroup)).Build();
        var partitions = PartitionsOf(consumer);
        var committed = consumer.Committed(partitions, KafkaTimeout);
        var letters = new List<JsonObject>();
        var next = new List<TopicPartitionOffset>();

        foreach (var position in committed)
        {
            var watermarks = consumer.QueryWatermarkOffsets(position.TopicPartition, KafkaTimeout);
            var start = position.Offset.IsSpecial ? watermarks.Low : position.Offset;
            var end = start;
            if (start < watermarks.High && letters.Count < limit)
            {
                consumer.Assign(new TopicPartitionOffset(position.TopicPartition, start));
                while (end < watermarks.High && letters.Count < limit && consumer.Consume(KafkaTimeout) is { IsPartitionEOF: false } result)
                {
                    var letter = JsonNode.Parse(result.Message.Value) as JsonObject ?? new JsonObject();
                    letter["dlq_partition"] = result.Partition.Value;
                    letter["dlq_offset"] = result.Offset.Value;
                    letters.Add(letter);
                    end = result.Offset + 1;
                }
            }
            next.Add(new TopicPartitionOffset(position.TopicPartition, end));
        }

        var toCommit = next.Where(p => p.Offset.Value > 0).ToList();
        return (letters, () =>
        {
            if (!commit || toCommit.Count == 0) return;
            using var committer = new ConsumerBuilder<string?, byte[]>(kafka.Configs.GroupConsumer(ReplayGroup)).Build();
            committer.Commit(toCommit);
        }
        );
    }

    private static List<TopicPartition> PartitionsOf(IConsumer<string?, byte[]> consumer)
    {
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var topic = admin.GetMetadata(PipelineTopics.DeadLetter, KafkaTimeout).Topics.Single();
        return [.. topic.Partitions.Select(p => new TopicPartition(PipelineTopics.DeadLetter, p.PartitionId))];
    }
}
