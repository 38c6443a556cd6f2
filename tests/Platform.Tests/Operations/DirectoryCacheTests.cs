using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Silo.Hosting;

namespace Platform.Tests.Operations;

/// <summary>The size of the silo's directory cache: ours by default, the operator's when set.</summary>
public sealed class DirectoryCacheTests
{
    [Fact]
    public void A_silo_caches_a_hundred_thousand_grain_locations_unless_Orleans_Directory_CacheSize_says_otherwise()
    {
        using (var byDefault = new ApiFactory())
            Assert.Equal(DirectoryCache.DefaultCacheSize, CacheSize(byDefault));

        using var configured = new ApiFactory(new Dictionary<string, string?> { ["Orleans:Directory:CacheSize"] = "5000" });
        Assert.Equal(5000, CacheSize(configured));
    }

    private static int CacheSize(ApiFactory api) => api.Services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value.CacheSize;
}
