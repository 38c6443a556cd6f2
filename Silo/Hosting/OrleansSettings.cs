using System.ComponentModel.DataAnnotations;

namespace Silo.Hosting;

/// <summary>The "Orleans" configuration section: identity and endpoints of this cluster member.</summary>
public sealed class OrleansSettings
{
    public const string SectionName = "Orleans";

    /// <summary>Silos and clients only see each other when both ids match.</summary>
    [Required] public string ClusterId { get; set; } = "platform";

    /// <summary>Keys every persisted row; keep it fixed across restarts and upgrades.</summary>
    [Required] public string ServiceId { get; set; } = "platform";

    [Range(1, 65535)] public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)] public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients use to reach this silo; the first non-loopback one when unset.</summary>
    public string? AdvertisedIP { get; set; }

    /// <summary>
    /// Whether the Api process runs a silo of its own. Defaults to true when no cluster database is
    /// configured (the embedded default) and to false otherwise (the Api joins as a client).
    /// </summary>
    public bool? HostSilo { get; set; }

    public static OrleansSettings From(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<OrleansSettings>() ?? new();
}
