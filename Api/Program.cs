using Api.Content;
using Api.Events;
using Api.Events.Sources;
using Api.Http;
using Api.Identity;
using Api.Notifications;
using Api.PipelineConsole;
using Silo.Hosting;
using Silo.Operations;

// The embedded default and an Api node of a cluster alike; which one follows from configuration alone.
var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformHttp();
builder.AddPlatformOrleans();       // a co-hosted silo, or a client of the cluster's silos
builder.AddPlatformOperations();    // health, metrics, telemetry, operator credentials
builder.AddIdentity();              // access tokens, JwtBearer, auth rate limits, social sign-in
builder.Services.AddNotifications();
builder.Services.AddEventsRateLimit();
builder.Services.AddSingleton<WriteKeyRequirement>();
builder.Services.AddPipelineConsole();

var app = builder.Build();
app.UsePlatformHttp();
app.UseNotificationWebSockets();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseWriteKeys();                 // an event source's key, before rate limiting per source
app.UsePlatformRateLimits();

app.MapPlatformOperations();        // /health/*, /metrics, /dashboard
app.MapContentApi();                // /api/posts, /api/collections
app.MapIdentityApi();               // /auth/*
app.MapNotifications();             // /hubs/notifications, /ws/notifications
app.MapEventsApi();                 // /api/events, /api/pipeline/*
app.MapPipelineConsole();           // /console
app.MapApiReference();              // /openapi/v1.json, /scalar
app.Run();
