using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Silo.Health;

/// <summary>Healthy when the pipeline's Kafka cluster names at least one broker.</summary>
internal sealed class KafkaHealthCheck(KafkaProbe probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var brokers = await probe.CountBrokersAsync(TimeSpan.FromSeconds(3)).WaitAsync(cancellationToken);
            return brokers > 0
                ? HealthCheckResult.Healthy($"{brokers} broker(s) at {probe.BootstrapServers}")
                : HealthCheckResult.Unhealthy($"No broker at {probe.BootstrapServers}");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"Kafka at {probe.BootstrapServers} does not answer", exception);
        }
    }
}
