using Grains.Pipeline;
using Grains.Streaming.Kafka;
using Grains.Streaming.Kafka.Embedded;

namespace Silo.Hosting;

/// <summary>
/// <c>dotnet run --project Silo -- kafka-broker [port]</c>: the embedded, in-memory Kafka broker on a fixed
/// loopback port, for several local processes (silos, Api nodes, kcat) to share. Not for production: it
/// keeps about 5 MiB per partition in memory and loses everything when it stops.
/// </summary>
internal static class StandaloneKafkaBroker
{
    public const string Command = "kafka-broker";
    private const int DefaultPort = 9092;

    public static async Task RunAsync(string[] args)
    {
        var port = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : DefaultPort;
        await using var broker = EmbeddedKafkaBroker.Start(new EmbeddedKafkaBrokerOptions
        {
            Port = port,
            // The mock cannot create topics over the protocol, so the pipeline's come ready-made, with the default counts.
            Topics = PipelineTopology.PartitionsByTopic(new KafkaStreamOptions(), new PipelineOptions()).ToDictionary(),
        });
        Console.WriteLine($"Embedded Kafka broker (in memory, not durable) listening on {broker.BootstrapServers}; Ctrl+C stops it.");

        var stopped = new TaskCompletionSource();
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM, context => { context.Cancel = true; stopped.TrySetResult(); });
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopped.TrySetResult(); };
        await stopped.Task;
    }
}
