using Orleans.TestingHost;

namespace Platform.Tests.Infrastructure;

/// <summary>
/// An in-process Orleans test cluster running the platform's grains, with memory grain storage. Share it
/// through an xunit collection (<see cref="ClusterCollection"/>) or a class fixture.
/// </summary>
public class ClusterFixture : IAsyncLifetime
{
    private TestCluster? _cluster;

    public TestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster starts in InitializeAsync.");

    public IGrainFactory Grains => Cluster.GrainFactory;

    public virtual async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.AddSiloBuilderConfigurator<PlatformSiloConfigurator>();
        await ConfigureAsync(builder);
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    /// <summary>Lets a variant add settings (read by <see cref="PlatformSiloConfigurator"/>) before the cluster starts.</summary>
    protected virtual Task ConfigureAsync(TestClusterBuilder builder) => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        if (_cluster is not null)
            await _cluster.DisposeAsync();
    }
}
