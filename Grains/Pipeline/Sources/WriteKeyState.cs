using Grains.Interfaces.Pipeline.Sources;

namespace Grains.Pipeline.Sources;

[GenerateSerializer, Alias("WriteKeyState")]
public sealed class WriteKeyState
{
    [Id(0)] public EventSource? Source { get; set; }
    [Id(1)] public DateTimeOffset? ValidUntil { get; set; }
}
