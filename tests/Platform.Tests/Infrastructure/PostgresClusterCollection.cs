namespace Platform.Tests.Infrastructure;

/// <summary>Test classes in this collection share one cluster whose grain state lives in PostgreSQL.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresClusterCollection : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "PostgresCluster";
}
