using Orleans.Configuration;

namespace Silo.Hosting;

/// <summary>
/// How fast the cluster declares a silent silo dead: <c>Orleans:Membership:*</c> binds onto Orleans'
/// <see cref="ClusterMembershipOptions"/>. The defaults here are shorter than Orleans' own (5 s × 3 probes),
/// so calls to a crashed silo fail over in about <c>ProbeTimeout × NumMissedProbesLimit</c> plus a vote,
/// 6–8 s; raise them on overloaded or high-latency networks, where a slow silo must not be voted out.
/// </summary>
public static class FailureDetection
{
    public const string SectionName = "Orleans:Membership";
    public static readonly TimeSpan DefaultProbeTimeout = TimeSpan.FromSeconds(2);
    public const int DefaultNumMissedProbesLimit = 3;

    public static ISiloBuilder UsePlatformFailureDetection(this ISiloBuilder silo)
    {
        silo.Services.AddSettings<ClusterMembershipOptions>(SectionName, defaults: o =>
        {
            o.ProbeTimeout = DefaultProbeTimeout;
            o.NumMissedProbesLimit = DefaultNumMissedProbesLimit;
            // Dead rows linger only briefly, so a rolling restart does not grow the table for a week.
            o.DefunctSiloExpiration = TimeSpan.FromHours(1);
        });
        return silo;
    }
}
