using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Platform.Tests.Pipeline;

namespace Platform.Tests.Operations;

/// <summary>One trace runs from an HTTP request through the Kafka write and read into the grain calls.</summary>
public sealed class TraceTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task An_ingested_event_is_traced_from_HTTP_through_Kafka_into_the_grains()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var seen = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "Microsoft.AspNetCore" or "Platform.Kafka" or "Microsoft.Orleans.Application",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { if (a.TraceId == traceId) seen.Enqueue(a); },
        };
        ActivitySource.AddActivityListener(listener);

        using var client = api.CreateClient();
        var sent = PipelineKit.NewEvent("traced-user");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = JsonContent.Create((JsonNode)sent) };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(request)).StatusCode);

        await Eventually.True(() => seen.Any(a => a.OperationName == "events.raw process")
                && seen.Any(a => a.Source.Name == "Microsoft.Orleans.Application" && a.DisplayName.Contains("EnrichAsync")),
            TimeSpan.FromSeconds(30), () => $"spans of the trace: {string.Join(", ", seen.Select(a => $"{a.Source.Name}/{a.DisplayName}"))}");
        Assert.Contains(seen, a => a.OperationName == "events.raw publish" && a.Kind == ActivityKind.Producer);
        Assert.Contains(seen, a => a.Source.Name == "Microsoft.AspNetCore");
    }
}
