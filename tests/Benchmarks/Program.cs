using Benchmarks;
using Benchmarks.Hosting;

// `bare-server PORT FOLDER` is the ceiling's Kestrel process; anything else runs the suite.
if (args is [BareServer.Command, var port, var folder])
{
    await BareServer.RunAsync(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture), folder);
    return 0;
}

var settings = BenchmarkSettings.Parse(args);
return await Suite.RunAsync(settings);
