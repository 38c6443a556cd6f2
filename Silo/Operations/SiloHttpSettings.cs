namespace Silo.Operations;

/// <summary>
/// <c>Silo:Urls</c>: where a Silo process serves <c>/health/*</c>, <c>/metrics</c> and <c>/dashboard</c>
/// (semicolon-separated, like ASP.NET Core's <c>urls</c>, which is read when this is unset). The default is a
/// free loopback port, logged at start: several silos on one machine never clash, and nothing is exposed
/// until an operator chooses an address (compose.yaml uses <c>http://0.0.0.0:8081</c>).
/// </summary>
public static class SiloHttpSettings
{
    public const string UrlsKey = "Silo:Urls";
    public const string DefaultUrls = "http://127.0.0.1:0";

    public static string UrlsFrom(IConfiguration configuration) =>
        configuration[UrlsKey] is { Length: > 0 } urls ? urls
        : configuration["urls"] is { Length: > 0 } standard ? standard
        : DefaultUrls;
}
