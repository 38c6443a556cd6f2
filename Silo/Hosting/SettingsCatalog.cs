namespace Silo.Hosting;

/// <summary>
/// The configuration sections a host reads and the settings classes bound to each, as registered through
/// <see cref="SettingsRegistration"/>: a list that cannot drift from what the host reads.
/// </summary>
public sealed class SettingsCatalog
{
    private readonly List<(string Section, Type Settings)> _entries = [];

    public IReadOnlyList<(string Section, Type Settings)> Entries => _entries;

    internal void Add(string section, Type settings)
    {
        if (!_entries.Contains((section, settings)))
            _entries.Add((section, settings));
    }
}
