using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Grains.Interfaces.Pipeline;
using Grains.Pipeline;
using Grains.Streaming.Kafka;
using Microsoft.Extensions.Options;

namespace Silo.Journal;

/// <summary>
/// Keeps the <see cref="SqlitePipelineJournal"/>: at start it writes back to the in-memory broker what the previous
/// run left (a crash, or a stop that could not drain), then it trims what the broker's consumers have processed and
/// closes admission while the log is too far behind to hold more.
/// <para>
/// Trimming is by watermark, so it costs nothing per event: every <see cref="Interval"/> (every <see cref="QuietInterval"/>
/// while nothing new is journaled, sleeping in between) it notes the journal's
/// settled sequence and then each partition's end offset. Every message up to that sequence was produced before the
/// end offsets were read, so once the consumer group has committed past those offsets (the stream provider commits
/// only what Orleans delivered; the dead-letter replay commits what it sent back) all of them were processed.
/// </para>
/// </summary>
internal sealed partial class PipelineJournalKeeper(
    SqlitePipelineJournal journal,
    PipelineKafka kafka,
    PipelineCounters counters,
    IOptionsMonitor<KafkaStreamOptions> streams,
    IOptions<PipelineOptions> pipeline,
    ILogger<PipelineJournalKeeper> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How often it looks while nothing new was journaled and admission is open: then the backlog can only shrink, and
    /// only trimming is left to do, which can wait. Each look is a round trip to the broker per partition.
    /// </summary>
    private static readonly TimeSpan QuietInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan KafkaTimeout = TimeSpan.FromSeconds(5);
    private const int RecoveryChunk = 2_000;

    private static readonly JournalAdmission Behind =
        new(false, "The pipeline is behind; the embedded Kafka broker has no room for more events right now.", TimeSpan.FromSeconds(1));

    private readonly Dictionary<string, Mark> _marks = [];
    private readonly Dictionary<string, List<TopicPartition>> _partitions = [];
    private bool _stopped;
    private long _keptSettled = -1, _keptAt;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await kafka.EnsureStartedAsync();
        var leftBehind = await journal.OpenAsync(stoppingToken);
        if (leftBehind > 0)
            await RecoverAsync(leftBehind, stoppingToken);
        journal.MarkRecovered();

        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(Interval, stoppingToken);
            if (IsQuiet())
                await WhileQuietAsync(stoppingToken);
            (_keptSettled, _keptAt) = (journal.SettledThrough, Stopwatch.GetTimestamp());
            try
            {
                await KeepAsync();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogKeepingFailed(exception);
            }
        }
    }

    /// <summary>
    /// Sleeps until a journaled batch settles or the quiet interval ends: an idle silo does not wake twice a second
    /// to find nothing new.
    /// </summary>
    private async Task WhileQuietAsync(CancellationToken stoppingToken)
    {
        var remaining = QuietInterval - Stopwatch.GetElapsedTime(_keptAt);
        if (remaining <= TimeSpan.Zero) return;
        using var done = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        await Task.WhenAny(journal.NextSettledAsync(() => journal.SettledThrough != _keptSettled, done.Token), Task.Delay(remaining, done.Token));
        await done.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
    }

    private bool IsQuiet() =>
        journal.SettledThrough == _keptSettled && journal.Admission.IsOpen && Stopwatch.GetElapsedTime(_keptAt) < QuietInterval;

    /// <summary>After the silo stopped (registered before it, so stopped after), its receivers have committed: trim what they processed.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // The test host stops its services a second time when disposed.
        if (_stopped) return;
        _stopped = true;
        try
        {
            await KeepAsync();
        }
        catch (Exception exception)
        {
            LogKeepingFailed(exception);
        }
    }

    private async Task RecoverAsync(long through, CancellationToken cancellationToken)
    {
        var recoveryHeaders = new Headers { { PipelineTopics.SourceHeader, Encoding.UTF8.GetBytes(PipelineTopics.SourceRecovery) } };
        long after = 0, recovered = 0;
        while (await journal.ReadAsync(after, through, RecoveryChunk, cancellationToken) is { Count: > 0 } messages)
        {
            // The broker must have room for the chunk: it drops what it cannot hold, processed or not.
            while (await AdmissionAsync(await EndOffsetsAsync(PipelineTopics.Raw)) is { IsOpen: false })
                await Task.Delay(Interval, cancellationToken);

            await Task.WhenAll(messages.Select(m => ProduceWithRetriesAsync(m, m.Topic == PipelineTopics.Raw ? recoveryHeaders : null, cancellationToken)));
            var events = messages.Count(m => m.Topic == PipelineTopics.Raw);
            counters.Recovered(events);
            recovered += events;
            after = messages[^1].Sequence;
        }
        LogRecovered(recovered, through);
    }

    private async Task ProduceWithRetriesAsync(JournaledMessage message, Headers? headers, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await kafka.ProduceOnlyAsync(message.Topic, message.Key, message.Value, headers, cancellationToken);
                return;
            }
            catch (KafkaException exception) when (!cancellationToken.IsCancellationRequested)
            {
                LogRecoveryWriteFailed(exception, message.Sequence, attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), cancellationToken);
            }
        }
    }

    /// <summary>
    /// One look at each journaled topic: the settled sequence, then the end offsets, then the group's committed offsets,
    /// each read once. The newest mark is trimmed when the group is already past it, else the one noted last time.
    /// </summary>
    private async Task KeepAsync()
    {
        foreach (var (topic, group) in new[] { (PipelineTopics.Raw, RawGroup), (PipelineTopics.DeadLetter, PipelineTopics.DeadLetterReplayGroup) })
        {
            // The sequence first, then the end offsets: every message up to the sequence lies below them.
            var mark = new Mark(journal.SettledThrough, await EndOffsetsAsync(topic));
            var committed = await CommittedAsync(group, mark.EndOffsets);
            if (topic == PipelineTopics.Raw)
                journal.SetAdmission(Admission(mark.EndOffsets, committed));

            if (mark.Sequence > 0 && IsPast(committed, mark))
                await journal.TrimAsync(topic, mark.Sequence);
            else if (_marks.GetValueOrDefault(topic) is { } previous && IsPast(committed, previous))
                await journal.TrimAsync(topic, previous.Sequence);
            if (mark.Sequence > 0) _marks[topic] = mark;
        }
    }

    private string RawGroup => streams.Get(PipelineTopics.StreamProvider).ConsumerGroup;

    /// <summary>
    /// Closed while any raw partition holds more unprocessed messages than the broker can safely keep
    /// (<see cref="PipelineOptions.MaxBrokerBacklogBytes"/>, <see cref="PipelineOptions.MaxBrokerBacklogMessages"/>).
    /// </summary>
    private async Task<JournalAdmission> AdmissionAsync(IReadOnlyDictionary<TopicPartition, long> endOffsets) =>
        Admission(endOffsets, await CommittedAsync(RawGroup, endOffsets));

    private JournalAdmission Admission(IReadOnlyDictionary<TopicPartition, long> endOffsets, IReadOnlyDictionary<TopicPartition, long> committed)
    {
        var averageBytes = journal.AverageMessageBytes;
        foreach (var (partition, end) in endOffsets)
        {
            var backlog = end - committed.GetValueOrDefault(partition, 0);
            if (backlog > pipeline.Value.MaxBrokerBacklogMessages || backlog * averageBytes > pipeline.Value.MaxBrokerBacklogBytes)
                return Behind;
        }
        return JournalAdmission.Open;
    }

    private static bool IsPast(IReadOnlyDictionary<TopicPartition, long> committed, Mark mark) =>
        mark.EndOffsets.All(e => e.Value == 0 || committed.GetValueOrDefault(e.Key, 0) >= e.Value);

    private Task<Dictionary<TopicPartition, long>> CommittedAsync(string group, IReadOnlyDictionary<TopicPartition, long> partitions) =>
        kafka.CommittedAsync(group, partitions.Keys, KafkaTimeout);

    private async Task<Dictionary<TopicPartition, long>> EndOffsetsAsync(string topic) =>
        await kafka.EndOffsetsAsync(await PartitionsAsync(topic), KafkaTimeout);

    /// <summary>The topic's partitions, asked once: the pipeline's topics keep their partition counts.</summary>
    private async Task<List<TopicPartition>> PartitionsAsync(string topic)
    {
        if (!_partitions.TryGetValue(topic, out var partitions))
            _partitions[topic] = partitions = await kafka.PartitionsAsync(topic, KafkaTimeout);
        return partitions;
    }

    private sealed record Mark(long Sequence, IReadOnlyDictionary<TopicPartition, long> EndOffsets);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pipeline journal: {Recovered} accepted event(s) left by the previous run (through sequence {Through}) are back in the pipeline")]
    private partial void LogRecovered(long recovered, long through);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pipeline journal: writing back message {Sequence} failed (attempt {Attempt}); retrying")]
    private partial void LogRecoveryWriteFailed(Exception exception, long sequence, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pipeline journal: trimming or measuring the backlog failed; trying again shortly")]
    private partial void LogKeepingFailed(Exception exception);
}
