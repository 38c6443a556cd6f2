using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;
using Grains.Interfaces;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Runtime.Messaging;

namespace Silo.Resilience;

/// <summary>
/// Repeats, with exponential backoff and within <see cref="GrainCallRetryOptions.MaxElapsed"/>, a grain call
/// that failed because its silo (or the gateway) died or was unreachable, when the method is safe to repeat:
/// <see cref="ReadOnlyAttribute"/> or <see cref="IdempotentAttribute"/>. Any other call fails as before,
/// since it may have run before the silo died.
/// </summary>
internal sealed partial class GrainCallRetryFilter(IOptions<GrainCallRetryOptions> options, IMeterFactory meters, ILogger<GrainCallRetryFilter> logger)
    : IOutgoingGrainCallFilter
{
    public const string MeterName = "Platform.Resilience";

    private readonly GrainCallRetryOptions _options = options.Value;
    private readonly Counter<long> _retries = meters.Create(MeterName).CreateCounter<long>("grain_call.retries", "{call}",
        "Grain calls an Api node repeated because a silo failed (tag: interface).");

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (_options.MaxElapsed <= TimeSpan.Zero || !IsSafeToRepeat(context.InterfaceMethod))
        {
            await context.Invoke();
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var delay = _options.FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await context.Invoke();
                return;
            }
            catch (Exception exception) when (IsSiloFailure(exception) && Stopwatch.GetElapsedTime(started) < _options.MaxElapsed)
            {
                LogRetrying(context.InterfaceName, context.MethodName, attempt, delay, exception.GetType().Name);
                _retries.Add(1, new KeyValuePair<string, object?>("interface", context.InterfaceName));
            }
            await Task.Delay(delay);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxDelay.Ticks));
        }
    }

    internal static bool IsSafeToRepeat(MethodInfo? method) =>
        method is not null && (method.IsDefined(typeof(ReadOnlyAttribute), true) || method.IsDefined(typeof(IdempotentAttribute), true));

    /// <summary>Failures that say the call could not reach, or lost, a live activation; not errors of the grain's code.</summary>
    internal static bool IsSiloFailure(Exception exception) => exception is
        SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException or GatewayTooBusyException or TimeoutException;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Interface}.{Method} failed ({Exception}) on attempt {Attempt}; repeating in {Delay}")]
    private partial void LogRetrying(string @interface, string method, int attempt, TimeSpan delay, string exception);
}
