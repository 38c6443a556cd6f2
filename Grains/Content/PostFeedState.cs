namespace Grains.Content;

[GenerateSerializer, Alias("Content.PostFeedState")]
public sealed record PostFeedState
{
    /// <summary>Every sequence number below this may have been handed out; a new activation starts here.</summary>
    [Id(0)] public long Reserved { get; init; }
}
