using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using Grains.Interfaces.Pipeline;
using Grains.Pipeline;
using Grains.Streaming.Kafka;
using Grains.Streaming.Kafka.Embedded;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Platform.Tests.Pipeline;

/// <summary>
/// The Api on a Kafka broker that stops and comes back with its data, as a real one does: ingestion answers a prompt
/// 503 a tracking client retries, never a 400 it would drop the events on, and the resent request is stored once;
/// and a stop while the broker is gone refuses the questions and writes that come after it instead of crashing.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
public sealed class KafkaOutageTests
{
    private static readonly TimeSpan AcknowledgementTimeout = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_stopped_broker_is_a_prompt_503_with_Retry_After_and_the_resent_request_is_stored_once()
    {
        await using var broker = EmbeddedKafkaBroker.Start(new EmbeddedKafkaBrokerOptions { Port = FreePort.Next() });
        await using var api = ApiOn(broker);
        var client = api.CreateClient();
        // While the broker is up; on a busy machine the producer's first acknowledgement may itself exceed the short bound.
        JsonObject[] before = [PipelineKit.NewEvent("outage-user"), PipelineKit.NewEvent("outage-user")];
        await Eventually.Until(() => PostAsync(client, before), r => r.StatusCode == HttpStatusCode.Accepted, TimeSpan.FromSeconds(60), "a first accepted request");

        broker.SetAvailable(false);
        JsonObject[] batch = [PipelineKit.NewEvent("outage-user"), new JsonObject { ["event_type"] = "Not Valid" }, PipelineKit.NewEvent("outage-user")];
        var clock = Stopwatch.StartNew();
        var response = await PostAsync(client, batch);
        clock.Stop();

        var problem = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.True(clock.Elapsed < AcknowledgementTimeout * 5, $"answered after {clock.Elapsed}");
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After");
        Assert.Equal(0, problem.GetProperty("accepted").GetInt32());
        Assert.Equal([0, 2], problem.GetProperty("not_written").EnumerateArray().Select(e => e.GetProperty("index").GetInt32()));
        Assert.Equal((string?)batch[0]["event_id"], problem.GetProperty("not_written")[0].GetProperty("event_id").GetString());
        var rejected = Assert.Single(problem.GetProperty("rejected").EnumerateArray());
        Assert.Equal(1, rejected.GetProperty("index").GetInt32());

        broker.SetAvailable(true);
        // The client's retry: the same request until it is accepted, as tracking SDKs do.
        var accepted = await Eventually.Until(async () => await PostAsync(client, batch), r => r.StatusCode == HttpStatusCode.Accepted,
            TimeSpan.FromSeconds(60), "the resent request to be accepted");
        Assert.Equal(2, (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32());
        await PipelineKit.WaitForStoredRowsAsync(api, 4);
        await PipelineKit.WaitForDrainedStatsAsync(client);
        Assert.Equal(4, await PipelineKit.StoredRowsAsync(api));
    }

    [Fact]
    public async Task Offsets_asked_while_the_producer_stops_on_a_stopped_broker_are_refused_not_a_crash()
    {
        await using var broker = EmbeddedKafkaBroker.Start(new EmbeddedKafkaBrokerOptions { Port = FreePort.Next() });
        await using var api = ApiOn(broker);
        var kafka = new PipelineKafka(api.Services.GetRequiredService<IOptionsMonitor<KafkaStreamOptions>>(),
            api.Services.GetRequiredService<IOptions<PipelineOptions>>(), api.Services.GetRequiredService<IMeterFactory>(),
            NullLogger<PipelineKafka>.Instance);
        var partitions = await kafka.PartitionsAsync(PipelineTopics.Raw, TimeSpan.FromSeconds(30));
        Assert.NotEmpty(await kafka.EndOffsetsAsync(partitions, TimeSpan.FromSeconds(30)));

        // A message the broker cannot acknowledge keeps the stop flushing until the message times out: the window
        // in which a question would reach librdkafka with the admin client's result queue already destroyed.
        broker.SetAvailable(false);
        var unacknowledged = kafka.ProduceOnlyAsync(PipelineTopics.Raw, "stop-user", [1]);
        var stopping = Task.Run(kafka.Dispose);
        ObjectDisposedException? refused = null;
        var refusedWhileStopping = false;
        while (refused is null && !stopping.IsCompleted)
        {
            try
            {
                await kafka.EndOffsetsAsync(partitions, TimeSpan.FromMilliseconds(200));
            }
            catch (ObjectDisposedException exception)
            {
                refusedWhileStopping = !stopping.IsCompleted;
                refused = exception;
            }
            catch (Exception exception) when (exception is KafkaException or TimeoutException)
            {
                // The broker is gone: a question still asked before the stop began fails as any would.
            }
        }
        await stopping;

        Assert.True(refusedWhileStopping, "a question asked once the stop began is refused before the flush ends");
        Assert.Equal(typeof(PipelineKafka).FullName, refused!.ObjectName);
        await Assert.ThrowsAnyAsync<KafkaException>(() => unacknowledged);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => kafka.PartitionsAsync(PipelineTopics.Raw, TimeSpan.FromSeconds(1)));
    }

    private static ApiFactory ApiOn(EmbeddedKafkaBroker broker) => new(new Dictionary<string, string?>
    {
        ["Kafka:BootstrapServers"] = broker.BootstrapServers,
        ["Pipeline:AcknowledgementTimeout"] = AcknowledgementTimeout.ToString(),
    });

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, JsonObject[] batch)
    {
        var body = new JsonObject { ["batch"] = new JsonArray([.. batch.Select(e => (JsonNode)e.DeepClone())]) };
        return client.PostAsync("/api/events", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
    }
}
