using System.Buffers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Api.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Api.PipelineConsole;

/// <summary>
/// <c>/console</c>: the operators' page of the pipeline (operator-only, like everything it shows). The page and its
/// script and stylesheet are served from this assembly; <c>/console/stream</c> feeds it over Server-Sent Events: a
/// <c>snapshot</c> each second and the live tail's <c>events</c> as they come. Dead letters and their replay are the
/// pipeline's own endpoints.
/// </summary>
public static class ConsoleApi
{
    private const string SnapshotEvent = "snapshot", EventsEvent = "events";
    private const int EventsPerMessage = 50;
    private static readonly TimeSpan SnapshotPeriod = TimeSpan.FromSeconds(1);

    public static IServiceCollection AddPipelineConsole(this IServiceCollection services) => services
        .AddSingleton<EventTail>()
        .AddSingleton<PipelineLag>()
        .AddSingleton<ConsoleSnapshots>();

    public static IEndpointRouteBuilder MapPipelineConsole(this IEndpointRouteBuilder endpoints)
    {
        var console = endpoints.MapGroup("/console").RequireOperator().ExcludeFromDescription();
        console.MapGet("", ConsoleAssets.Page);
        console.MapGet("/assets/{name}", ConsoleAssets.Asset);
        console.MapGet("/stream", Stream);
        return endpoints;
    }

    /// <summary>The console's feed; <paramref name="type"/>, <paramref name="user"/> and <paramref name="source"/> narrow the tail (exact matches).</summary>
    internal static IResult Stream(HttpContext context, ConsoleSnapshots snapshots, EventTail tail, IOptions<JsonOptions> json, TimeProvider clock,
        string? type = null, string? user = null, string? source = null)
        => TypedResults.ServerSentEvents(StreamAsync(tail, TailFilter.Of(type, user, source), snapshots, json.Value.SerializerOptions, clock, context.RequestAborted));

    private static async IAsyncEnumerable<SseItem<string>> StreamAsync(EventTail tail, TailFilter filter, ConsoleSnapshots snapshots,
        JsonSerializerOptions json, TimeProvider clock, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Subscribed only once the response streams, so that a request gone before then leaves nothing behind.
        using var subscription = tail.Subscribe(filter);
        var lastSnapshot = clock.GetTimestamp();
        yield return new SseItem<string>(JsonSerializer.Serialize(await snapshots.GetAsync(), json), SnapshotEvent);
        while (!cancellationToken.IsCancellationRequested)
        {
            var untilSnapshot = SnapshotPeriod - clock.GetElapsedTime(lastSnapshot);
            if (untilSnapshot <= TimeSpan.Zero)
            {
                lastSnapshot = clock.GetTimestamp();
                yield return new SseItem<string>(JsonSerializer.Serialize(await snapshots.GetAsync(), json), SnapshotEvent);
                continue;
            }
            switch (await WaitForEventsAsync(subscription, untilSnapshot, clock, cancellationToken))
            {
                case Waited.Events:
                    yield return new SseItem<string>(EventsMessage(subscription), EventsEvent);
                    break;
                case Waited.Ended:
                    // The node's tail reader stopped: EventSource reconnects, and a new one starts.
                    yield break;
            }
        }
    }

    private enum Waited { Events, Timeout, Ended }

    private static async Task<Waited> WaitForEventsAsync(TailSubscription subscription, TimeSpan wait, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(wait, clock);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            return await subscription.Events.WaitToReadAsync(either.Token) ? Waited.Events : Waited.Ended;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Waited.Timeout;
        }
    }

    /// <summary><c>{events:[...], skipped}</c>: what the tail has for this console now, and how many it left out since the last message.</summary>
    private static string EventsMessage(TailSubscription subscription)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("events");
            for (var i = 0; i < EventsPerMessage && subscription.Events.TryRead(out var tailed); i++)
                tailed.WriteTo(writer);
            writer.WriteEndArray();
            writer.WriteNumber("skipped", subscription.TakeSkipped());
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
