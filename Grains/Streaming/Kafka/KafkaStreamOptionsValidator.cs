using Microsoft.Extensions.Options;

namespace Grains.Streaming.Kafka;

/// <summary>Lists every problem of <see cref="KafkaStreamOptions"/> with the setting to fix.</summary>
internal sealed class KafkaStreamOptionsValidator : IValidateOptions<KafkaStreamOptions>
{
    public ValidateOptionsResult Validate(string? name, KafkaStreamOptions options)
    {
        var section = KafkaStreamOptions.SectionName;
        var failures = new List<string>();

        if (!string.IsNullOrWhiteSpace(options.BootstrapServers))
        {
            foreach (var server in options.BootstrapServers.Split(',', StringSplitOptions.TrimEntries))
            {
                if (!IsHostPort(server))
                {
                    failures.Add($"{section}:BootstrapServers: '{server}' is not host:port (list servers as 'host1:9092,host2:9092', or leave it empty for the embedded broker).");
                }
            }
        }

        if (string.IsNullOrWhiteSpace(options.ConsumerGroup))
        {
            failures.Add($"{section}:ConsumerGroup must not be empty.");
        }

        if (options.Topics.Count == 0)
        {
            failures.Add($"{section}:Topics must list at least one topic, e.g. {section}:Topics:events.raw:Partitions=8.");
        }

        foreach (var (topic, settings) in options.Topics)
        {
            if (!IsTopicName(topic))
            {
                failures.Add($"{section}:Topics: '{topic}' is not a valid topic name (1-249 characters of a-z, A-Z, 0-9, '.', '_', '-').");
            }

            if (settings.Partitions < 1)
            {
                failures.Add($"{section}:Topics:{topic}:Partitions must be at least 1, not {settings.Partitions}.");
            }

            if (settings.ReplicationFactor is 0 or < -1)
            {
                failures.Add($"{section}:Topics:{topic}:ReplicationFactor must be -1 (broker default) or at least 1, not {settings.ReplicationFactor}.");
            }

            if (!Enum.IsDefined(settings.Payload))
            {
                failures.Add($"{section}:Topics:{topic}:Payload must be Json or Orleans.");
            }
        }

        if (options.MaxBatchSize < 1)
        {
            failures.Add($"{section}:MaxBatchSize must be at least 1, not {options.MaxBatchSize}.");
        }

        AddEmptyKeys(failures, $"{section}:Settings", options.Settings);
        AddEmptyKeys(failures, $"{section}:ProducerSettings", options.ProducerSettings);
        AddEmptyKeys(failures, $"{section}:ConsumerSettings", options.ConsumerSettings);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHostPort(string server)
    {
        var colon = server.LastIndexOf(':');
        return colon > 0
            && int.TryParse(server.AsSpan(colon + 1), out var port)
            && port is > 0 and <= 65535;
    }

    private static bool IsTopicName(string topic) =>
        topic.Length is > 0 and <= 249
        && topic is not ("." or "..")
        && topic.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private static void AddEmptyKeys(List<string> failures, string setting, Dictionary<string, string> values)
    {
        foreach (var (key, value) in values)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                failures.Add($"{setting}:{key} has no value.");
            }
        }
    }
}
