using Api.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformApi();

var app = builder.Build();
app.UsePlatformApi();
app.Run();
