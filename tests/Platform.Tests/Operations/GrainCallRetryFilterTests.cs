using Grains.Interfaces.Content;
using Grains.Interfaces.Identity;
using Silo.Resilience;

namespace Platform.Tests.Operations;

/// <summary>Which grain calls an Api node may repeat after a silo failure, and on which failures.</summary>
public sealed class GrainCallRetryFilterTests
{
    [Theory]
    [InlineData(typeof(IPostGrain), nameof(IPostGrain.GetAsync), true)]
    [InlineData(typeof(IPostGrain), nameof(IPostGrain.CreateAsync), true)]
    [InlineData(typeof(ICollectionGrain), nameof(ICollectionGrain.AddPostAsync), true)]
    [InlineData(typeof(IAccountsGrain), nameof(IAccountsGrain.SignUpAsync), false)]
    [InlineData(typeof(IAccountsGrain), nameof(IAccountsGrain.RefreshAsync), false)]
    [InlineData(typeof(IPostFeedGrain), nameof(IPostFeedGrain.ReserveAsync), false)]
    public void Only_read_only_and_idempotent_methods_are_repeated(Type grain, string method, bool repeated) =>
        Assert.Equal(repeated, GrainCallRetryFilter.IsSafeToRepeat(grain.GetMethod(method)));

    [Fact]
    public void Only_failures_of_silos_and_connections_are_repeated()
    {
        Assert.True(GrainCallRetryFilter.IsSiloFailure(new SiloUnavailableException()));
        Assert.True(GrainCallRetryFilter.IsSiloFailure(new TimeoutException()));
        Assert.True(GrainCallRetryFilter.IsSiloFailure(new GatewayTooBusyException()));
        Assert.False(GrainCallRetryFilter.IsSiloFailure(new InvalidOperationException()));
        Assert.False(GrainCallRetryFilter.IsSiloFailure(new ArgumentException()));
    }
}
