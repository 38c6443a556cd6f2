using System.Collections.Concurrent;

namespace Platform.Tests.Streaming;

/// <summary>What the test grains received, per topic; the silos run in the test process.</summary>
public static class DeliveryLog
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<TestEvent>> Topics = new(StringComparer.Ordinal);

    public static void Add(string topic, TestEvent item) => Of(topic).Enqueue(item);

    public static IReadOnlyList<TestEvent> Received(string topic) => [.. Of(topic)];

    public static IReadOnlyList<int> Sequences(string topic, string key) =>
        [.. Of(topic).Where(e => e.Key == key).Select(e => e.Sequence)];

    private static ConcurrentQueue<TestEvent> Of(string topic) => Topics.GetOrAdd(topic, _ => new());
}
