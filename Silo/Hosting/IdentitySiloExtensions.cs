using Grains.Identity;
using Grains.Interfaces.Identity;
using Microsoft.Extensions.Options;

namespace Silo.Hosting;

public static class IdentitySiloExtensions
{
    /// <summary>What the identity grains need of their silo: their settings, and the channel that announces profile changes.</summary>
    public static ISiloBuilder AddIdentityGrains(this ISiloBuilder silo)
    {
        silo.Services.AddSettings<IdentitySettings>(IdentitySettings.SectionName);
        silo.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IdentitySettings>, IdentitySettingsValidator>());
        // Fire and forget: a profile change only invalidates copies, and nobody waits on who listens.
        silo.AddBroadcastChannel(ProfileChanged.Channel, o => o.FireAndForgetDelivery = true);
        // Erasures a crash interrupted are finished once a silo is up again.
        silo.AddStartupTask((services, _) => services.GetRequiredService<IGrainFactory>().GetGrain<IPendingErasuresGrain>(0).ResumeAsync());
        return silo;
    }
}
