using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Grains.Interfaces.Pipeline;
using Grains.Streaming.Kafka;
using Grains.Streaming.Kafka.Streams;
using Microsoft.Extensions.Options;

namespace Grains.Pipeline;

/// <summary>
/// The pipeline's plain Kafka producer, on the stream provider's cluster and settings: the Api writes raw
/// events with it, grains write enriched events and dead letters. Topics are ensured before the first write.
/// Where the log keeps nothing across a crash, writes to the journaled topics go through the <see cref="IPipelineJournal"/> first.
/// </summary>
public sealed class PipelineKafka : IDisposable
{
    /// <summary>The meter and activity source of the pipeline's Kafka writes.</summary>
    public const string MeterName = "Platform.Kafka", ActivitySourceName = "Platform.Kafka";

    private static readonly ActivitySource Activities = new(ActivitySourceName);
    private readonly Histogram<double> _produceDuration;
    private readonly KafkaStreamOptions _streams;
    private readonly PipelineOptions _pipeline;
    private readonly ILogger<PipelineKafka> _logger;
    private readonly Lazy<Task<IProducer<string?, byte[]>>> _producer;
    private readonly IPipelineJournal? _journal;
    private readonly KafkaLocalWrites? _localWrites;
    private readonly KafkaClientUse _use = new(typeof(PipelineKafka));
    private readonly Lazy<IAdminClient> _admin;

    public PipelineKafka(IOptionsMonitor<KafkaStreamOptions> streams, IOptions<PipelineOptions> pipeline, IMeterFactory meters,
        ILogger<PipelineKafka> logger, IPipelineJournal? journal = null)
    {
        _journal = journal;
        _produceDuration = meters.Create(MeterName).CreateHistogram<double>("kafka.produce.duration", "s",
            "From a produce call to the broker's acknowledgement (tags: topic, outcome).",
            advice: new() { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5] });
        _streams = streams.Get(PipelineTopics.StreamProvider);
        _pipeline = pipeline.Value;
        _logger = logger;
        Configs = KafkaClientConfigs.Resolve(_streams, "pipeline", logger);
        _localWrites = Configs.LocalWrites;
        _producer = new(StartAsync);
        // Asked for only once the producer is up.
        _admin = new(() => new DependentAdminClientBuilder(_producer.Value.Result.Handle).Build());
    }

    public KafkaClientConfigs Configs { get; }

    /// <summary>
    /// The consumer's side of the records' traces: a child of the first record's producer span when it carries
    /// a <c>traceparent</c> header, linked to the others', so a trace runs from the HTTP request through Kafka
    /// into the grains even when one grain call processes several records.
    /// </summary>
    public static Activity? StartProcessing(IReadOnlyList<KafkaRecord> records)
    {
        if (!Activities.HasListeners()) return null;
        var contexts = records.Select(r => r.Headers.TryGetValue("traceparent", out var traceParent)
            && ActivityContext.TryParse(traceParent, null, out var context) ? context : default).ToList();
        var first = records[0];
        var activity = Activities.StartActivity($"{first.Topic} process", ActivityKind.Consumer, contexts[0],
            links: contexts.Skip(1).Where(c => c != default).Select(c => new ActivityLink(c)));
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("messaging.destination.name", first.Topic);
        activity?.SetTag("messaging.batch.message_count", records.Count);
        activity?.SetTag("messaging.kafka.offset", first.Offset);
        return activity;
    }

    /// <summary>The topic's partitions in order, as the cluster's metadata has them.</summary>
    public async Task<List<TopicPartition>> PartitionsAsync(string topic, TimeSpan timeout)
    {
        var metadata = await AskAsync(admin => Task.FromResult(admin.GetMetadata(topic, timeout)), timeout);
        return [.. metadata.Topics.Single().Partitions.Select(p => new TopicPartition(topic, p.PartitionId)).OrderBy(p => p.Partition.Value)];
    }

    /// <summary>Where the group stands on each of <paramref name="partitions"/>: its committed offset (the log's start where it has none yet) and the log's end.</summary>
    public async Task<List<GroupPosition>> GroupPositionsAsync(string group, IReadOnlyCollection<TopicPartition> partitions, TimeSpan timeout)
    {
        var committed = await CommittedAsync(group, partitions, timeout);
        var ends = await EndOffsetsAsync(partitions, timeout);
        return [.. partitions.Select(p => new GroupPosition(p, committed[p], ends[p]))];
    }

    /// <summary>Each partition's log end: the offset the next message written to it will take.</summary>
    public Task<Dictionary<TopicPartition, long>> EndOffsetsAsync(IEnumerable<TopicPartition> partitions, TimeSpan timeout) =>
        OffsetsAsync(partitions, OffsetSpec.Latest(), timeout);

    /// <summary>The group's committed offsets, a partition without one counting as its log start.</summary>
    public async Task<Dictionary<TopicPartition, long>> CommittedAsync(string group, IEnumerable<TopicPartition> partitions, TimeSpan timeout)
    {
        var listed = await AskAsync(admin => admin.ListConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitions(group, [.. partitions])],
            new ListConsumerGroupOffsetsOptions { RequestTimeout = timeout }), timeout);
        var committed = listed.Single().Partitions.ToDictionary(p => p.TopicPartition, p => p.Offset);
        var uncommitted = committed.Where(c => c.Value.IsSpecial).Select(c => c.Key).ToList();
        var starts = uncommitted.Count == 0 ? [] : await OffsetsAsync(uncommitted, OffsetSpec.Earliest(), timeout);
        return committed.ToDictionary(c => c.Key, c => c.Value.IsSpecial ? starts[c.Key] : c.Value.Value);
    }

    private async Task<Dictionary<TopicPartition, long>> OffsetsAsync(IEnumerable<TopicPartition> partitions, OffsetSpec spec, TimeSpan timeout)
    {
        var listed = await AskAsync(admin => admin.ListOffsetsAsync(partitions.Select(p => new TopicPartitionOffsetSpec { TopicPartition = p, OffsetSpec = spec }),
            new ListOffsetsOptions { RequestTimeout = timeout }), timeout);
        return listed.ResultInfos.ToDictionary(r => r.TopicPartitionOffsetError.TopicPartition, r => r.TopicPartitionOffsetError.Offset.Value);
    }

    /// <summary>
    /// Questions about offsets go over the producer's own connections: an admin client of its handle is no librdkafka
    /// instance of its own (no broker threads or sockets; only Confluent.Kafka's task that polls its results), where a
    /// consumer asking the same would be another client waking every second and talking to the broker.
    /// Through <see cref="KafkaClientUse"/>, as every write, so none overlaps the stop that destroys the client.
    /// Bounded by <paramref name="timeout"/> here too: with the broker gone a group's offsets wait for a coordinator,
    /// past the request's own timeout.
    /// </summary>
    private async Task<T> AskAsync<T>(Func<IAdminClient, Task<T>> ask, TimeSpan timeout)
    {
        await _producer.Value;
        var asked = _use.Call(() => ask(_admin.Value));
        return await asked.WaitAsync(timeout);
    }

    /// <summary>Ensures the topics exist and the producer is ready; the first write does it otherwise.</summary>
    public Task EnsureStartedAsync() => _producer.Value;

    /// <summary>
    /// Completes when Kafka acknowledged the message (acks=all) and, where there is a journal, the journal has it:
    /// then it is durable. Fails after <see cref="PipelineOptions.AcknowledgementTimeout"/> without an acknowledgement.
    /// </summary>
    public async Task ProduceAsync(string topic, string? key, byte[] value, Headers? headers = null, CancellationToken cancellationToken = default)
    {
        if ((await ProduceEachAsync(topic, [new KafkaMessage(key, value)], headers, cancellationToken))[0] is { } failure)
            throw failure;
    }

    /// <summary>
    /// Writes every message (journaled first, where there is a journal, in one append) and returns, message by
    /// message, null once Kafka acknowledged it or the reason it did not. Throws when the journal could not take them:
    /// then none was written. Cancellation is looked at before anything is written, not after: once handed to the
    /// producer, the messages are on their way until acknowledged or failed (within the message timeout), and the
    /// journal must not be trimmed past them until then.
    /// </summary>
    public async Task<Exception?[]> ProduceEachAsync(string topic, IReadOnlyList<KafkaMessage> messages, Headers? headers, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // The journal's commit and Kafka's acknowledgement are awaited side by side: the caller hears of success only
        // once both hold, so the order does not matter, and the fsync hides behind the produce.
        var journaled = _journal is { } journal && journal.Covers(topic) ? journal.AppendAsync(topic, messages) : null;
        var failures = await ProduceOnlyAsync(topic, messages, headers);
        if (journaled is not null)
        {
            // Settled only once produced (or failed), so trimming never passes a message still on its way to Kafka.
            // Should the journal fail, Kafka may have the messages, but they were never durable: reported unwritten.
            _journal!.Settled(await journaled);
        }
        return failures;
    }

    /// <summary>Writes to Kafka without the journal: for what the journal itself writes back at start.</summary>
    public async Task ProduceOnlyAsync(string topic, string? key, byte[] value, Headers? headers = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if ((await ProduceOnlyAsync(topic, [new KafkaMessage(key, value)], headers))[0] is { } failure)
            throw failure;
    }

    /// <summary>
    /// The one way the pipeline writes to Kafka: the messages handed to the producer at once, each acknowledgement
    /// counted by one handler, one task for the lot (none per message), one span for the lot when traced.
    /// </summary>
    private async Task<Exception?[]> ProduceOnlyAsync(string topic, IReadOnlyList<KafkaMessage> messages, Headers? headers)
    {
        var producer = await _producer.Value;
        using var activity = Activities.HasListeners() ? Activities.StartActivity($"{topic} publish", ActivityKind.Producer) : null;
        if (activity is not null)
        {
            activity.SetTag("messaging.system", "kafka");
            activity.SetTag("messaging.destination.name", topic);
            activity.SetTag("messaging.batch.message_count", messages.Count);
            // W3C trace context in the records, so consumers can continue the trace.
            // Copied: callers share their header sets across writes.
            var traced = new Headers();
            foreach (var header in headers ?? []) traced.Add(header.Key, header.GetValueBytes());
            traced.Add("traceparent", Encoding.ASCII.GetBytes(activity.Id!));
            headers = traced;
        }

        var acknowledgements = new Acknowledgements(messages.Count, topic, _produceDuration);
        try
        {
            _use.Call(() =>
            {
                for (var i = 0; i < messages.Count; i++)
                {
                    var index = i;
                    try
                    {
                        producer.Produce(topic, new Message<string?, byte[]> { Key = messages[i].Key, Value = messages[i].Value, Headers = headers },
                            report => acknowledgements.Report(index, report.Error));
                    }
                    catch (Exception exception)
                    {
                        acknowledgements.Failed(index, exception);
                    }
                }
                return messages.Count;
            });
        }
        catch (ObjectDisposedException stopped)
        {
            // Refused as a whole, before the first message: the platform is stopping.
            for (var i = 0; i < messages.Count; i++) acknowledgements.Failed(i, stopped);
        }
        var failures = await acknowledgements.All;
        _localWrites?.Wake();
        if (failures.Any(f => f is not null)) activity?.SetStatus(ActivityStatusCode.Error);
        return failures;
    }

    /// <summary>What became of each message of one write, complete once every message is acknowledged or failed.</summary>
    private sealed class Acknowledgements(int count, string topic, Histogram<double> duration)
    {
        private readonly Exception?[] _failures = new Exception?[count];
        private readonly TaskCompletionSource<Exception?[]> _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly long _started = Stopwatch.GetTimestamp();
        private int _outstanding = count;

        public Task<Exception?[]> All => _failures.Length == 0 ? Task.FromResult(_failures) : _all.Task;

        /// <summary>On the producer's delivery thread: kept short.</summary>
        public void Report(int index, Error error) =>
            Settle(index, error.IsError ? new KafkaException(error) : null);

        public void Failed(int index, Exception exception) => Settle(index, exception);

        private void Settle(int index, Exception? failure)
        {
            _failures[index] = failure;
            duration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds,
                new KeyValuePair<string, object?>("topic", topic), new KeyValuePair<string, object?>("outcome", failure is null ? "ok" : "error"));
            if (Interlocked.Decrement(ref _outstanding) == 0)
                _all.TrySetResult(_failures);
        }
    }

    public void Dispose()
    {
        // From here on questions and writes are refused; those under way were handed to librdkafka first. The writes
        // in flight then settle (or time out) before the producer is destroyed.
        _use.Close(() =>
        {
            if (_admin.IsValueCreated) _admin.Value.Dispose();
        });
        if (!_producer.IsValueCreated || !_producer.Value.IsCompletedSuccessfully) return;
        var producer = _producer.Value.Result;
        producer.Flush(TimeSpan.FromSeconds(5));
        producer.Dispose();
    }

    private async Task<IProducer<string?, byte[]>> StartAsync()
    {
        await Configs.EnsureTopicsAsync(PipelineTopology.PartitionsByTopic(_streams, _pipeline), _logger);
        var config = Configs.Producer();
        // Kafka:ProducerSettings may set message.timeout.ms itself; otherwise the pipeline's bound applies.
        config.MessageTimeoutMs ??= (int)_pipeline.AcknowledgementTimeout.TotalMilliseconds;
        return new ProducerBuilder<string?, byte[]>(config).Build();
    }
}

/// <summary>A group's committed offset on a partition, and the partition's log end.</summary>
public sealed record GroupPosition(TopicPartition Partition, long Committed, long End);
