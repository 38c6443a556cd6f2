using System.Collections.Concurrent;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Platform.Tests.Streaming;

/// <summary>
/// Implicit subscriber of the rewind topic that resumes from the token <see cref="ResumeFrom"/> names for its key, as
/// a subscriber that kept the token of the last event it processed would, and records what it gets with its tokens.
/// </summary>
[ImplicitStreamSubscription(KafkaTopics.Rewind)]
public sealed class ResumingRecorderGrain : Grain, IRecorderGrain, IStreamSubscriptionObserver
{
    public static ConcurrentDictionary<string, StreamSequenceToken> ResumeFrom { get; } = new(StringComparer.Ordinal);

    public static ConcurrentQueue<(TestEvent Event, StreamSequenceToken Token)> Received { get; } = new();

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        var key = System.Text.Encoding.UTF8.GetString(handleFactory.StreamId.Key.Span);
        await handleFactory.Create<TestEvent>().ResumeAsync((item, token) =>
        {
            Received.Enqueue((item, token!));
            return Task.CompletedTask;
        }, ResumeFrom.GetValueOrDefault(key));
    }
}
