using System.Text;
using System.Text.Json;
using Grains.Interfaces.Pipeline;
using Grains.Streaming.Kafka;

namespace Grains.Pipeline;

/// <summary>
/// Writes what could not be processed to the dead-letter topic: the reason, where it came from, and the
/// original payload as text, so a person can read it and a replay can send it back unchanged.
/// </summary>
public sealed class DeadLetters(PipelineKafka kafka, PipelineCounters counters, TimeProvider clock)
{
    public async Task WriteAsync(KafkaRecord record, string reason)
    {
        var letter = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
        {
            ["reason"] = reason,
            ["failed_at"] = clock.GetUtcNow(),
            ["key"] = record.Key,
            ["topic"] = record.Topic,
            ["partition"] = record.Partition,
            ["offset"] = record.Offset,
            ["received_at"] = record.Timestamp,
            ["payload"] = Encoding.UTF8.GetString(record.Value),
        });
        await kafka.ProduceAsync(PipelineTopics.DeadLetter, record.Key, letter);
        counters.DeadLettered();
    }
}
