using Orleans.Streams;
using Orleans.Streams.Core;

namespace Platform.Tests.Streaming;

/// <summary>Implicit subscriber that cannot handle one event: <see cref="PoisonSequence"/>.</summary>
[ImplicitStreamSubscription(KafkaTopics.Failing)]
public sealed class FailingRecorderGrain : Grain, IRecorderGrain, IStreamSubscriptionObserver
{
    public const int PoisonSequence = 15;

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<TestEvent>().ResumeAsync((item, _) =>
        {
            if (item.Sequence == PoisonSequence)
            {
                throw new InvalidOperationException("poison event");
            }

            DeliveryLog.Add(KafkaTopics.Failing, item);
            return Task.CompletedTask;
        });
}
