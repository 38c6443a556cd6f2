using System.Text.Json;
using Api.Content;
using Api.Events;
using Api.Http;
using Api.Identity;
using Api.Notifications;
using Scalar.AspNetCore;
using Silo.Hosting;
using Silo.Operations;

namespace Api.Extensions;

public static class PlatformApiExtensions
{
    /// <summary>The address served when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> says otherwise.</summary>
    public const string DefaultUrl = "http://localhost:8080";

    public static WebApplicationBuilder AddPlatformApi(this WebApplicationBuilder builder)
    {
        builder.Configuration.ReadSettingsFilesBesideTheProgram();
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
            builder.WebHost.UseUrls(DefaultUrl);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = HttpLimits.MaxRequestBodyBytes);

        builder.AddPlatformOrleans();
        builder.AddPlatformOperations();

        var services = builder.Services;
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
        });
        // Binding failures (malformed JSON, oversize bodies) reach the exception handler, which words them as problems.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            // Clients generated from the document get the platform's name, not the assembly's.
            document.Info.Title = "Orleans platform";
            document.Info.Description = "Content (posts, collections, notifications), authentication, and the event pipeline.";
            return Task.CompletedTask;
        }));
        builder.AddIdentity();
        services.AddNotifications();
        services.AddEventsRateLimit();
        return builder;
    }

    public static WebApplication UsePlatformApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseTrailingSlashTolerance();
        app.UseRequestBodyLimit();
        app.UseNotificationWebSockets();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapPlatformOperations();
        app.MapContentApi();
        app.MapOpenApi();
        app.MapScalarApiReference(HttpPipelineExtensions.ReferencePagePath);
        app.MapIdentityApi();
        app.MapNotifications();
        app.MapEventsApi();
        return app;
    }
}
