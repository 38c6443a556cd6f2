using Microsoft.Extensions.Time.Testing;

namespace Platform.Tests.Infrastructure;

/// <summary>
/// The platform's clock in a test that travels in time: the date only moves when the test calls
/// <see cref="FakeTimeProvider.Advance"/>, so lifetimes of minutes or days are passed in an instant. Timers and
/// timestamps stay real, because the Orleans runtime and the hosts share the container's TimeProvider and would
/// stop if their timers only fired on an advance.
/// </summary>
public sealed class TestClock() : FakeTimeProvider(DateTimeOffset.UtcNow)
{
    public override long TimestampFrequency => System.TimestampFrequency;

    public override long GetTimestamp() => System.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, dueTime, period);
}
