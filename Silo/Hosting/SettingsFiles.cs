using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Silo.Hosting;

public static class SettingsFiles
{
    // One for the process, however many hosts it builds (test hosts): each provider holds a file watcher.
    private static readonly Lazy<PhysicalFileProvider> ProgramFolder = new(() => new PhysicalFileProvider(AppContext.BaseDirectory));

    /// <summary>
    /// Reads <c>appsettings*.json</c> from beside the program instead of from the working directory, which is where
    /// ASP.NET Core looks by default: a published build started elsewhere (<c>cd /srv &amp;&amp; dotnet /opt/platform/Api.dll</c>,
    /// as a service unit does) would otherwise silently run on framework defaults. Each file keeps its place among the
    /// configuration sources, so environment variables and the command line still override it. The content root, and
    /// with it the default data folder, stays the working directory.
    /// </summary>
    public static IConfigurationManager ReadSettingsFilesBesideTheProgram(this IConfigurationManager configuration)
    {
        var programFolder = AppContext.BaseDirectory;
        for (var i = 0; i < configuration.Sources.Count; i++)
        {
            if (configuration.Sources[i] is not JsonConfigurationSource { Path: { } path } json
                || !Path.GetFileName(path).StartsWith("appsettings", StringComparison.OrdinalIgnoreCase)
                || json.FileProvider is PhysicalFileProvider { Root: var root } && SameFolder(root, programFolder))
            {
                continue;
            }

            configuration.Sources[i] = new JsonConfigurationSource
            {
                Path = path,
                Optional = json.Optional,
                ReloadOnChange = json.ReloadOnChange,
                FileProvider = ProgramFolder.Value,
            };
        }
        return configuration;
    }

    private static bool SameFolder(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)), StringComparison.Ordinal);
}
