namespace Platform.Tests.Benchmarks;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BenchmarkSmokeCollection
{
    public const string Name = "Benchmark smoke";
}
