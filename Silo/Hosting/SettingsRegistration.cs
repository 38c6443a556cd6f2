using Microsoft.Extensions.Options;

namespace Silo.Hosting;

/// <summary>The one way the platform binds settings: a class per configuration section, validated when the host starts.</summary>
public static class SettingsRegistration
{
    /// <summary>
    /// Binds <typeparamref name="T"/> to <paramref name="section"/> over <paramref name="defaults"/>, checks its data
    /// annotations and every registered <see cref="IValidateOptions{TOptions}"/> at start, and records the section
    /// in the host's <see cref="SettingsCatalog"/>.
    /// </summary>
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services, string section, string? name = null, Action<T>? defaults = null)
        where T : class
    {
        services.SettingsCatalog().Add(section, typeof(T));
        var options = services.AddOptions<T>(name ?? Options.DefaultName);
        if (defaults is not null)
            options.Configure(defaults);
        return options.BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
    }

    /// <summary>Records a section read by hand: an older name of a bound one, or settings the host is built from.</summary>
    public static IServiceCollection AddSettingsSection<T>(this IServiceCollection services, string section)
    {
        services.SettingsCatalog().Add(section, typeof(T));
        return services;
    }

    private static SettingsCatalog SettingsCatalog(this IServiceCollection services)
    {
        if (services.FirstOrDefault(d => d.ServiceType == typeof(SettingsCatalog))?.ImplementationInstance is SettingsCatalog catalog)
            return catalog;
        catalog = new SettingsCatalog();
        services.AddSingleton(catalog);
        return catalog;
    }
}
