using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

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

    /// <summary>
    /// Binds the section and checks it: the host is built from these settings before any options validation could
    /// run, so a wrong value stops the start here, every failure named with its key.
    /// </summary>
    public static OrleansSettings Read(IConfiguration configuration)
    {
        var settings = configuration.GetSection(SectionName).Get<OrleansSettings>() ?? new();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true))
        {
            throw new OptionsValidationException(SectionName, typeof(OrleansSettings),
                results.Select(r => $"{SectionName}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
        }

        return settings;
    }
}
