using Orleans.Configuration;

namespace Silo.Hosting;

/// <summary>
/// How quickly an Api node sees silos come and go: <c>Orleans:Gateway:*</c> binds onto Orleans'
/// <see cref="GatewayOptions"/>. Orleans reads the gateway list once a minute; 5 s lets a new silo take
/// client traffic soon after it joins.
/// </summary>
public static class GatewayRefresh
{
    public const string SectionName = "Orleans:Gateway";

    public static IClientBuilder UsePlatformGatewayRefresh(this IClientBuilder client)
    {
        client.Services.AddOptions<GatewayOptions>()
            .Configure(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5))
            .BindConfiguration(SectionName);
        return client;
    }
}
