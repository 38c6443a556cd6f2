using System.Text.Json;
using Scalar.AspNetCore;
using Silo.Hosting;

namespace Api.Http;

/// <summary>What every endpoint of the Api shares: its address, JSON, problem answers, limits and the reference page.</summary>
public static class PlatformHttpExtensions
{
    /// <summary>The address served when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> says otherwise.</summary>
    public const string DefaultUrl = "http://localhost:8080";

    /// <summary>Settings files beside the program, the address, snake_case JSON, problem details and the OpenAPI document.</summary>
    public static WebApplicationBuilder AddPlatformHttp(this WebApplicationBuilder builder)
    {
        builder.Configuration.ReadSettingsFilesBesideTheProgram();
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
            builder.WebHost.UseUrls(DefaultUrl);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = HttpLimits.MaxRequestBodyBytes);

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
        return builder;
    }

    /// <summary>Every failure as a problem answer, both spellings of a path with or without its trailing slash, and the body limit.</summary>
    public static WebApplication UsePlatformHttp(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseTrailingSlashTolerance();
        app.UseRequestBodyLimit();
        return app;
    }

    /// <summary>
    /// <c>/openapi/v1.json</c> and the reference page that reads it. The page loads nothing from elsewhere: no web
    /// fonts, no telemetry, no AI agent, so it works offline and tells no third party who reads our API.
    /// </summary>
    public static WebApplication MapApiReference(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference(HttpPipelineExtensions.ReferencePagePath, options => options
            .WithTitle("Orleans platform")
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp());
        return app;
    }
}
