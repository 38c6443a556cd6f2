using Orleans.Streams;
using Orleans.Streams.Core;

namespace Platform.Tests.Streaming;

/// <summary>Implicit subscriber of the test topics; records every item it is handed.</summary>
[ImplicitStreamSubscription(KafkaTopics.Orders)]
[ImplicitStreamSubscription(KafkaTopics.Binary)]
[ImplicitStreamSubscription(KafkaTopics.Bulk)]
[ImplicitStreamSubscription(KafkaTopics.Stopping)]
[ImplicitStreamSubscription("default-topic")]
[ImplicitStreamSubscription("standalone-topic")]
public sealed class RecorderGrain : Grain, IRecorderGrain, IStreamSubscriptionObserver
{
    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        var topic = handleFactory.StreamId.GetNamespace()!;
        await handleFactory.Create<TestEvent>().ResumeAsync((item, _) =>
        {
            DeliveryLog.Add(topic, item);
            return Task.CompletedTask;
        });
    }
}
