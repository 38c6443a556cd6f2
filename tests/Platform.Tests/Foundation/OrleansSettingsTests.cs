using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Silo.Hosting;

namespace Platform.Tests.Foundation;

/// <summary>The cluster member's settings are checked before the host is built from them, every failure named by its key.</summary>
public sealed class OrleansSettingsTests
{
    [Fact]
    public void Wrong_values_stop_the_start_naming_each_key()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orleans:ClusterId"] = "",
            ["Orleans:SiloPort"] = "70000",
        }).Build();

        var error = Assert.Throws<OptionsValidationException>(() => OrleansSettings.Read(configuration));
        Assert.Contains(error.Failures, f => f.StartsWith("Orleans:ClusterId", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Orleans:SiloPort", StringComparison.Ordinal));
    }

    [Fact]
    public void The_defaults_are_valid() =>
        Assert.Equal(11111, OrleansSettings.Read(new ConfigurationBuilder().Build()).SiloPort);
}
