using Grains.Streaming.Kafka.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Grains.Streaming.Kafka.Hosting;

/// <summary>Adds Kafka persistent streams to a silo.</summary>
public static class KafkaSiloBuilderExtensions
{
    /// <summary>
    /// Adds a persistent stream provider named <paramref name="name"/> reading and writing Kafka topics,
    /// e.g. <c>AddKafkaStreams("kafka", o => o.BindConfiguration(KafkaStreamOptions.SectionName))</c>.
    /// </summary>
    public static ISiloBuilder AddKafkaStreams(
        this ISiloBuilder builder,
        string name,
        Action<OptionsBuilder<KafkaStreamOptions>> configureOptions,
        Action<ISiloPersistentStreamConfigurator>? configureStream = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configureOptions);

        builder.Services.AddKafkaStreamOptions(name, configureOptions);
        // One for all of the silo's Kafka stream providers.
        if (!builder.Services.Any(d => d.ServiceType == typeof(KafkaReceiverStop)))
        {
            builder.Services.AddSingleton<KafkaReceiverStop>();
            builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(s => s.GetRequiredService<KafkaReceiverStop>());
        }
        return builder.AddPersistentStreams(name, KafkaQueueAdapterFactory.Create, stream => configureStream?.Invoke(stream));
    }
}
