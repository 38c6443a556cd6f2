using Grains.Streaming.Kafka;
using Grains.Streaming.Kafka.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Platform.Tests.Streaming;

public sealed class KafkaStreamOptionsValidatorTests
{
    [Fact]
    public void Bad_settings_are_all_reported_with_the_setting_to_fix()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = "localhost:9092,broker-without-port",
            ["Kafka:ConsumerGroup"] = " ",
            ["Kafka:Topics:events.raw:Partitions"] = "0",
            ["Kafka:Topics:bad topic!:Partitions"] = "2",
            ["Kafka:MaxBatchSize"] = "0",
        }));

        Assert.Contains(error.Failures, f => f.StartsWith("Kafka:BootstrapServers: 'broker-without-port'", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Kafka:ConsumerGroup", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Kafka:Topics:events.raw:Partitions must be at least 1", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Kafka:Topics: 'bad topic!'", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Kafka:MaxBatchSize", StringComparison.Ordinal));
        Assert.Equal(5, error.Failures.Count());
    }

    [Fact]
    public void No_topics_is_an_error_and_no_bootstrap_servers_is_not()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new Dictionary<string, string?> { ["Kafka:ConsumerGroup"] = "g" }));

        Assert.Equal(["Kafka:Topics must list at least one topic, e.g. Kafka:Topics:events.raw:Partitions=8."], error.Failures);
    }

    [Fact]
    public void Good_settings_bind_topics_and_librdkafka_pass_through()
    {
        var options = Bind(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = "kafka-1:9092, kafka-2:9092",
            ["Kafka:Topics:events.raw:Partitions"] = "8",
            ["Kafka:Topics:events.raw:Payload"] = "Orleans",
            ["Kafka:Settings:security.protocol"] = "SASL_SSL",
        });

        Assert.Equal(8, options.Topics["events.raw"].Partitions);
        Assert.Equal(KafkaPayloadFormat.Orleans, options.Topics["events.raw"].Payload);
        Assert.Equal("SASL_SSL", options.Settings["security.protocol"]);
    }

    private static KafkaStreamOptions Bind(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddKafkaStreamOptions("kafka", o => o.BindConfiguration(KafkaStreamOptions.SectionName));
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptionsMonitor<KafkaStreamOptions>>().Get("kafka");
    }
}
