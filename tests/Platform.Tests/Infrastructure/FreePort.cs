using Platform.Testing;

namespace Platform.Tests.Infrastructure;

public static class FreePort
{
    /// <summary>A loopback port nothing listens on right now (<see cref="LoopbackPorts"/>).</summary>
    public static int Next() => LoopbackPorts.Next();
}
