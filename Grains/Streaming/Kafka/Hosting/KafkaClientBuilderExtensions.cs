using Grains.Streaming.Kafka.Streams;
using Microsoft.Extensions.Options;

namespace Grains.Streaming.Kafka.Hosting;

/// <summary>Adds Kafka persistent streams to an Orleans client.</summary>
public static class KafkaClientBuilderExtensions
{
    /// <summary>
    /// Adds a persistent stream provider named <paramref name="name"/> that writes to Kafka topics;
    /// configure it like the silo's.
    /// </summary>
    public static IClientBuilder AddKafkaStreams(
        this IClientBuilder builder,
        string name,
        Action<OptionsBuilder<KafkaStreamOptions>> configureOptions,
        Action<IClusterClientPersistentStreamConfigurator>? configureStream = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configureOptions);

        builder.Services.AddKafkaStreamOptions(name, configureOptions);
        return builder.AddPersistentStreams(name, KafkaQueueAdapterFactory.Create, configureStream);
    }
}
