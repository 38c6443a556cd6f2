using System.Text.Json;
using Api.Http;
using Silo.Hosting;

namespace Api.Notifications;

public static class NotificationsExtensions
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(20);

    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddSettings<NotificationOptions>(NotificationOptions.SectionName);
        services.AddAuthorizationBuilder().AddPolicy(PresentedTokenMustBeValid.PolicyName, PresentedTokenMustBeValid.Policy);
        services.AddSingleton<NotificationFanout>();
        services.AddSingleton<NotificationFeedReader>();
        services.AddHostedService<NotificationRelay>();
        services.AddSignalR(o => o.KeepAliveInterval = KeepAlive)
            .AddJsonProtocol(o => o.PayloadSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        return services;
    }

    /// <summary>Pings keep idle plain WebSocket connections open through proxies.</summary>
    public static IApplicationBuilder UseNotificationWebSockets(this IApplicationBuilder app) =>
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = KeepAlive });

    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<NotificationsHub>(NotificationsHub.Path).RequireAuthorization(PresentedTokenMustBeValid.PolicyName);
        endpoints.Map(WebSocketNotifications.Path, WebSocketNotifications.HandleAsync)
            .RequireAuthorization(PresentedTokenMustBeValid.PolicyName).ExcludeFromDescription();
        endpoints.MapGet(ServerSentEventNotifications.Path, ServerSentEventNotifications.Handle)
            .WithName("NotificationEvents")
            .WithSummary("Notifications as Server-Sent Events: post notifications for everyone, collection notifications for their owner")
            .WithTags("Notifications")
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound)
            .RequireAuthorization(PresentedTokenMustBeValid.PolicyName);
        return endpoints;
    }
}
