using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Streams;

namespace Grains.Streaming.Kafka.Streams;

/// <summary>Builds the Kafka stream provider's parts; owns the shared producer.</summary>
internal sealed class KafkaQueueAdapterFactory : IQueueAdapterFactory, IDisposable
{
    private readonly string _name;
    private readonly KafkaStreamOptions _options;
    private readonly Serializer<KafkaOrleansPayload> _serializer;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly KafkaStreamQueueMapper _mapper;
    private readonly StreamIndexedQueueAdapterCache _cache;
    private readonly KafkaPartitionRewinders _rewinders;
    private readonly KafkaReceiverStop? _stop;
    private readonly SemaphoreSlim _creating = new(1, 1);
    // Made at the first write through the provider: where streams are only read (the pipeline writes with a producer
    // of its own), no producer of this factory keeps connections, threads and a poll loop of its own.
    private Lazy<IProducer<byte[], byte[]>>? _producer;
    private readonly KafkaClientUse _producerUse = new(typeof(KafkaQueueAdapterFactory));
    private KafkaQueueAdapter? _adapter;

    public KafkaQueueAdapterFactory(
        string name,
        KafkaStreamOptions options,
        SimpleQueueCacheOptions cacheOptions,
        StreamPullingAgentOptions agentOptions,
        Serializer<KafkaOrleansPayload> serializer,
        ILoggerFactory loggerFactory,
        KafkaReceiverStop? stop = null)
    {
        // Only silos have one, and only silos make receivers.
        _stop = stop;
        _name = name;
        _options = options;
        _serializer = serializer;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<KafkaQueueAdapterFactory>();
        _mapper = new KafkaStreamQueueMapper(options.Topics, name);
        _rewinders = new KafkaPartitionRewinders(serializer, loggerFactory.CreateLogger<KafkaPartitionRewinder>());
        _cache = new StreamIndexedQueueAdapterCache(cacheOptions.CacheSize, agentOptions.BatchContainerBatchSize,
            queueId => _rewinders.For(_mapper.GetTopicPartition(queueId)));
    }

    public static KafkaQueueAdapterFactory Create(IServiceProvider services, string name) =>
        ActivatorUtilities.CreateInstance<KafkaQueueAdapterFactory>(
            services,
            name,
            services.GetOptionsByName<KafkaStreamOptions>(name),
            services.GetOptionsByName<SimpleQueueCacheOptions>(name),
            services.GetOptionsByName<StreamPullingAgentOptions>(name));

    public async Task<IQueueAdapter> CreateAdapter()
    {
        await _creating.WaitAsync();
        try
        {
            return _adapter ??= await BuildAdapterAsync();
        }
        finally
        {
            _creating.Release();
        }
    }

    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    public IStreamQueueMapper GetStreamQueueMapper() => _mapper;

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) =>
        Task.FromResult<IStreamFailureHandler>(new KafkaDeliveryFailureHandler(_mapper.GetTopicPartition(queueId), _logger));

    public void Dispose()
    {
        // Writes that come from here on are refused; those already handed to librdkafka are flushed first.
        _producerUse.Close();
        if (_producer is { IsValueCreated: true, Value: var producer })
        {
            producer.Flush(TimeSpan.FromSeconds(5));
            producer.Dispose();
        }
        _creating.Dispose();
    }

    private async Task<KafkaQueueAdapter> BuildAdapterAsync()
    {
        var configs = KafkaClientConfigs.Resolve(_options, _name, _logger);
        await KafkaTopicProvisioner.EnsureTopicsAsync(configs, _options, _logger);
        _rewinders.Use(configs);

        _producer = new(() => new ProducerBuilder<byte[], byte[]>(configs.Producer())
            .SetErrorHandler((_, error) => _logger.ProducerError(error))
            .Build());
        var receiverLogger = _loggerFactory.CreateLogger<KafkaQueueAdapterReceiver>();
        // As much per partition as a consumer of its own prefetched before (queued.max.messages.kbytes=16384).
        var localWrites = configs.LocalWrites;
        var consumer = new SharedKafkaConsumer(() => new KafkaSiloConsumer(configs.SiloConsumer(), 16L << 20, receiverLogger, localWrites));
        return new KafkaQueueAdapter(
            _name,
            _options,
            _mapper,
            _producer,
            _producerUse,
            localWrites,
            _serializer,
            partition => new KafkaQueueAdapterReceiver(partition, consumer, _serializer, _options.MaxBatchSize, _rewinders.For(partition)!,
                _stop ?? throw new InvalidOperationException("Kafka receivers run in silos, which add a KafkaReceiverStop."), receiverLogger));
    }
}
