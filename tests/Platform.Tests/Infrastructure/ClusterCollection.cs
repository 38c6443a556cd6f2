namespace Platform.Tests.Infrastructure;

/// <summary>Test classes in this collection share one memory-storage cluster and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Cluster";
}
