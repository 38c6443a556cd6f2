using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Grains.Streaming.Kafka.Hosting;

internal static class KafkaStreamOptionsRegistration
{
    public static IServiceCollection AddKafkaStreamOptions(this IServiceCollection services, string name, Action<OptionsBuilder<KafkaStreamOptions>> configureOptions)
    {
        var options = services.AddOptions<KafkaStreamOptions>(name);
        configureOptions(options);
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KafkaStreamOptions>, KafkaStreamOptionsValidator>());
        return services;
    }
}
