using Orleans.Configuration;

namespace Silo.Hosting;

/// <summary>
/// The silo's cache of where grains are: <c>Orleans:Directory:*</c> binds onto Orleans' <see cref="GrainDirectoryOptions"/>.
/// Orleans sizes it for a million entries and allocates a bucket for each up front, and its size gauge counts the
/// entries by walking every bucket: the dashboard reads that gauge every second (and so does each scrape of
/// <c>/metrics</c>), which cost an idle embedded platform 7 ms of CPU a second.
/// A tenth of that holds the locations of a hundred thousand remote grains; a grain beyond it costs one directory
/// lookup per call until it is cached again.
/// </summary>
public static class DirectoryCache
{
    public const string SectionName = "Orleans:Directory";
    public const int DefaultCacheSize = 100_000;

    public static ISiloBuilder UsePlatformDirectoryCache(this ISiloBuilder silo)
    {
        silo.Services.AddSettings<GrainDirectoryOptions>(SectionName, defaults: o => o.CacheSize = DefaultCacheSize);
        return silo;
    }
}
