namespace Platform.Tests.Operations;

/// <summary>
/// Tests that run alone, after the parallel ones: they time failure detection with real processes, which a
/// 2-core machine busy with other tests would distort.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoloCollection
{
    public const string Name = "Solo";
}
