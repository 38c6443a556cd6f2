using Benchmarks.Hosting;
using Benchmarks.Report;
using Grains.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Storage;

namespace Benchmarks.Scenarios;

/// <summary>
/// What a key's seen-set costs its storage: 1,000 (and 10) new event ids a second for an hour, flushed every 5 s as
/// the deduplication grain does, with the platform's defaults (100,000 ids kept, 24 h window). The grain's own
/// <see cref="SeenSet"/> decides what each flush writes; every write is serialized by the storage serializer the
/// silo uses, and its bytes counted. The ceiling is the layout before segments, in which every flush rewrote the
/// whole set: the bytes of one entry of that map, times the ids it held at each flush. Simulated time; a second of
/// CPU, not an hour.
/// </summary>
public static class SeenSetGrowthScenario
{
    private const int Cap = 100_000;
    private static readonly TimeSpan Flush = TimeSpan.FromSeconds(5), Window = TimeSpan.FromHours(24);
    private static int _measured;

    public static Task RunAsync(PlatformUnderTest platform, BenchmarkSettings settings, ResultTable table)
    {
        // Once per run: the row does not depend on the platform's mode.
        if (Interlocked.Exchange(ref _measured, 1) == 1) return Task.CompletedTask;

        var serializer = StorageSerializer();
        var perOldEntry = OldEntryBytes(serializer);
        // The smoke run only checks that the rows still run.
        var duration = settings.Smoke ? TimeSpan.FromMinutes(3) : TimeSpan.FromHours(1);
        foreach (var rate in new[] { 1_000, 10 })
        {
            var (segmented, whole, largestFlush) = Simulate(serializer, perOldEntry, rate, duration);
            table.Add(new Row(Mode, $"seen-set: bytes written per second, one key at {rate:N0} new ids/s for {duration.TotalMinutes:N0} min",
                segmented / duration.TotalSeconds / 1024, "KiB/s", whole / duration.TotalSeconds / 1024,
                "the whole set rewritten every flush, as before segments", "follows the rate, not the set", LowerIsBetter: true));
            if (rate == 1_000)
            {
                table.Add(new Row(Mode, "seen-set: the largest single flush at 1,000 ids/s", largestFlush / 1024.0, "KiB", null, "",
                    "the ids since the last flush and one segment", LowerIsBetter: true));
            }
        }
        return Task.CompletedTask;
    }

    private const string Mode = "library (the grain's seen-set, the silo's storage serializer)";

    /// <summary>Bytes written in <paramref name="duration"/> with segments and with the whole set, and the largest flush with segments.</summary>
    private static (long Segmented, long Whole, long LargestFlush) Simulate(IGrainStorageSerializer serializer, double perOldEntry, int rate, TimeSpan duration)
    {
        var offsets = new Dictionary<int, long> { [3] = 123_456_789 };
        var emptyState = serializer.Serialize(new DeduplicationState { LastOffsets = offsets }).Length;
        var seen = new SeenSet(Cap, Window);
        var now = DateTimeOffset.UtcNow;
        long segmented = 0, whole = 0, largestFlush = 0;
        for (var elapsed = TimeSpan.Zero; elapsed < duration; elapsed += Flush)
        {
            for (var i = 0; i < rate * Flush.TotalSeconds; i++)
            {
                seen.Add(Guid.NewGuid(), now);
                if (seen.Count > Cap) seen.Prune(now);
            }
            now += Flush;

            seen.Prune(now);
            var changes = seen.TakeChanges();
            var flush = changes.Writes.Sum(w => serializer.Serialize(w.Stored).Length)
                + serializer.Serialize(new DeduplicationState { LastOffsets = offsets, SeenSegments = [.. changes.Manifest] }).Length;
            segmented += flush;
            largestFlush = Math.Max(largestFlush, flush);
            whole += (long)(seen.Count * perOldEntry) + emptyState;
        }
        return (segmented, whole, largestFlush);
    }

    /// <summary>The silo's default grain-state serializer, as the deduplication grain's storage gets it.</summary>
    private static IGrainStorageSerializer StorageSerializer()
    {
        var host = Host.CreateDefaultBuilder().UseOrleans(silo => silo.UseLocalhostClustering()).Build();
        return host.Services.GetRequiredService<IGrainStorageSerializer>();
    }

    /// <summary>What one id added to the whole-set map, from two maps that differ by 10,000 ids.</summary>
    private static double OldEntryBytes(IGrainStorageSerializer serializer)
    {
        static DeduplicationState Of(int ids) => new() { Seen = Enumerable.Range(0, ids).ToDictionary(_ => Guid.NewGuid(), _ => DateTimeOffset.UtcNow) };
        return (serializer.Serialize(Of(20_000)).Length - serializer.Serialize(Of(10_000)).Length) / 10_000.0;
    }
}
