using Orleans.Configuration;

namespace Silo.Hosting;

/// <summary>
/// How quickly an Api node notices silos come and go. <c>Orleans:Gateway:*</c> binds onto Orleans'
/// <see cref="GatewayOptions"/>: the gateway list is read every 5 s (Orleans: 1 min), so a new silo takes
/// client traffic soon after it joins. <c>Orleans:Messaging:*</c> binds onto <see cref="ClientMessagingOptions"/>:
/// a call unanswered for 10 s (Orleans: 30 s) fails, so one lost with a crashed silo is retried in time
/// (see <c>Orleans:Retry</c>); no grain call of the platform takes that long when healthy.
/// </summary>
public static class ClientFailover
{
    public const string GatewaySectionName = "Orleans:Gateway", MessagingSectionName = "Orleans:Messaging";

    public static IClientBuilder UsePlatformClientFailover(this IClientBuilder client)
    {
        client.Services.AddSettings<GatewayOptions>(GatewaySectionName, defaults: o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
        client.Services.AddSettings<ClientMessagingOptions>(MessagingSectionName, defaults: o => o.ResponseTimeout = TimeSpan.FromSeconds(10));
        return client;
    }
}
