using Confluent.Kafka;

namespace Grains.Streaming.Kafka.Streams;

/// <summary>
/// The silo's <see cref="KafkaSiloConsumer"/>s, one per core at most, each reading the partitions whose number falls
/// to it: one thread and one fetch request per core, not per partition, and consumption spread over the cores as
/// the agents that read partitions are. Each is made when its first receiver starts and closed when its last one
/// stops, so a silo holding no queue (or shut down) keeps no consumer, thread or connection.
/// </summary>
internal sealed class SharedKafkaConsumer(Func<KafkaSiloConsumer> create)
{
    private readonly Lock _gate = new();
    private readonly (KafkaSiloConsumer? Consumer, int Users)[] _slots = new (KafkaSiloConsumer?, int)[Environment.ProcessorCount];

    public KafkaSiloConsumer Rent(TopicPartition partition)
    {
        lock (_gate)
        {
            ref var slot = ref _slots[Slot(partition)];
            slot.Users++;
            return slot.Consumer ??= create();
        }
    }

    public void Return(TopicPartition partition)
    {
        KafkaSiloConsumer? closing = null;
        lock (_gate)
        {
            ref var slot = ref _slots[Slot(partition)];
            if (--slot.Users == 0)
                (closing, slot.Consumer) = (slot.Consumer, null);
        }
        closing?.Dispose();
    }

    private int Slot(TopicPartition partition) => partition.Partition.Value % _slots.Length;
}
