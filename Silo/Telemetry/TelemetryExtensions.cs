using Grains.Pipeline;
using Grains.Streaming.Kafka.Streams;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Silo.Resilience;

namespace Silo.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>The OpenTelemetry SDK's standard setting; when set, traces, metrics and logs also go there over OTLP.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Metrics for Prometheus at <c>/metrics</c> (HTTP, runtime, Orleans, pipeline, Kafka produce and consumer lag); traces
    /// across HTTP, grain calls and pipeline Kafka writes; log scopes that carry the trace and span ids.
    /// Traces and logs leave the process over OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Logging.Configure(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Environment.ApplicationName, serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Microsoft.Orleans", PipelineCounters.MeterName, PipelineKafka.MeterName, KafkaConsumerLag.MeterName, GrainCallRetryFilter.MeterName)
                .AddPrometheusExporter());

        if (!string.IsNullOrEmpty(builder.Configuration[OtlpEndpointKey]))
        {
            telemetry
                .WithTracing(tracing => tracing
                    .AddAspNetCoreInstrumentation()
                    .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", PipelineKafka.ActivitySourceName))
                .WithLogging()
                .UseOtlpExporter();
        }

        return builder;
    }

    public static IEndpointRouteBuilder MapPlatformMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint("/metrics");
        return endpoints;
    }
}
