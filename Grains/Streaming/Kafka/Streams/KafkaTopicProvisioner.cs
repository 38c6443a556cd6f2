using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Grains.Streaming.Kafka.Embedded;
using ErrorCode = Confluent.Kafka.ErrorCode;

namespace Grains.Streaming.Kafka.Streams;

/// <summary>Creates the configured topics and checks that each has the configured partition count.</summary>
internal static class KafkaTopicProvisioner
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);

    public static async Task EnsureTopicsAsync(KafkaClientConfigs configs, KafkaStreamOptions options, ILogger logger)
    {
        using var admin = new AdminClientBuilder(configs.Admin()).Build();
        if (options.ProvisionTopics)
        {
            if (EmbeddedKafkaBroker.TryFind(configs.BootstrapServers, out var broker))
            {
                // The mock cluster does not implement CreateTopics; its native API does the same.
                foreach (var (topic, settings) in options.Topics)
                {
                    if (broker.CreateTopic(topic, settings.Partitions))
                    {
                        logger.TopicCreated(topic, settings.Partitions);
                    }
                }
            }
            else
            {
                await CreateTopicsAsync(admin, options, logger);
            }
        }

        CheckPartitionCounts(admin, options);
    }

    private static async Task CreateTopicsAsync(IAdminClient admin, KafkaStreamOptions options, ILogger logger)
    {
        var specifications = options.Topics.Select(t => new TopicSpecification
        {
            Name = t.Key,
            NumPartitions = t.Value.Partitions,
            ReplicationFactor = t.Value.ReplicationFactor,
        }).ToList();
        try
        {
            await admin.CreateTopicsAsync(specifications);
            foreach (var specification in specifications)
            {
                logger.TopicCreated(specification.Name, specification.NumPartitions);
            }
        }
        catch (CreateTopicsException ex)
        {
            foreach (var result in ex.Results)
            {
                if (result.Error.Code == ErrorCode.NoError)
                {
                    logger.TopicCreated(result.Topic, options.Topics[result.Topic].Partitions);
                }
                else if (result.Error.Code != ErrorCode.TopicAlreadyExists)
                {
                    logger.TopicCreationFailed($"{result.Topic}: {result.Error.Reason}");
                }
            }
        }
        catch (KafkaException ex)
        {
            logger.TopicCreationFailed(ex.Error.Reason);
        }
    }

    private static void CheckPartitionCounts(IAdminClient admin, KafkaStreamOptions options)
    {
        var problems = new List<string>();
        foreach (var (topic, settings) in options.Topics)
        {
            var metadata = admin.GetMetadata(topic, MetadataTimeout).Topics.SingleOrDefault(t => t.Topic == topic);
            if (metadata is null || metadata.Error.Code != ErrorCode.NoError)
            {
                problems.Add($"topic '{topic}' is not available ({metadata?.Error.Reason ?? "no metadata"}); create it with {settings.Partitions} partitions");
            }
            else if (metadata.Partitions.Count != settings.Partitions)
            {
                problems.Add($"{KafkaStreamOptions.SectionName}:Topics:{topic}:Partitions is {settings.Partitions} but the topic has {metadata.Partitions.Count} partitions");
            }
        }

        if (problems.Count > 0)
        {
            throw new KafkaStreamingException("Kafka topics do not match the configuration: " + string.Join("; ", problems) + ".");
        }
    }
}
