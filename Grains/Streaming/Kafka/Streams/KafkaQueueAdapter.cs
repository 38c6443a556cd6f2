using Confluent.Kafka;
using Orleans.Serialization;
using Orleans.Streams;

namespace Grains.Streaming.Kafka.Streams;

/// <summary>Writes Orleans stream events to Kafka and creates the partition receivers.</summary>
internal sealed class KafkaQueueAdapter(
    string name,
    KafkaStreamOptions options,
    KafkaStreamQueueMapper mapper,
    Lazy<IProducer<byte[], byte[]>> producer,
    KafkaClientUse producerUse,
    KafkaLocalWrites? localWrites,
    Serializer<KafkaOrleansPayload> serializer,
    Func<TopicPartition, IQueueAdapterReceiver> createReceiver) : IQueueAdapter
{
    public string Name => name;

    /// <summary>A subscriber may resume from any token still in Kafka's log; see <see cref="KafkaRewindCursor"/>.</summary>
    public bool IsRewindable => true;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) => createReceiver(mapper.GetTopicPartition(queueId));

    public async Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        if (token is not null)
        {
            throw new ArgumentException("The Kafka stream provider does not support writing at a sequence token.", nameof(token));
        }

        var partition = mapper.GetTopicPartition(streamId);
        var key = streamId.Key.ToArray();
        // Awaiting the delivery reports makes a message Kafka did not acknowledge an error for the caller.
        if (options.Topics[partition.Topic].Payload == KafkaPayloadFormat.Json)
        {
            var sends = producerUse.Call(() => events
                .Select(item => producer.Value.ProduceAsync(partition, new Message<byte[], byte[]> { Key = key, Value = KafkaMessageFormat.ToJson(item) }))
                .ToList());
            await Task.WhenAll(sends);
        }
        else
        {
            var payload = new KafkaOrleansPayload { Events = events.Cast<object>().ToList(), RequestContext = requestContext };
            var message = new Message<byte[], byte[]>
            {
                Key = key,
                Value = serializer.SerializeToArray(payload),
                Headers = KafkaMessageFormat.OrleansHeaders(),
            };
            await producerUse.Call(() => producer.Value.ProduceAsync(partition, message));
        }
        localWrites?.Wake();
    }
}
