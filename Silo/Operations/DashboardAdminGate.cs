using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Silo.Operations;

/// <summary>Lets only administrators (basic or bearer credentials from <see cref="DashboardAccessOptions"/>) reach the operators' paths.</summary>
internal sealed partial class DashboardAdminGate(RequestDelegate next, IOptions<DashboardAccessOptions> options, ILogger<DashboardAdminGate> logger)
{
    private readonly DashboardAccessOptions _options = options.Value;

    public Task InvokeAsync(HttpContext context)
    {
        if (!_options.HasBasic && !_options.HasToken)
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Operator endpoint closed",
                detail: "Set Dashboard:Username and Dashboard:Password, or Dashboard:Token, to open the dashboard and the dead-letter endpoints in cluster mode.")
                .ExecuteAsync(context);

        if (IsAdmin(context.Request.Headers.Authorization.ToString()))
            return next(context);

        LogRefused(context.Connection.RemoteIpAddress?.ToString());
        if (_options.HasBasic) context.Response.Headers.WWWAuthenticate = "Basic realm=\"Orleans dashboard\", charset=\"UTF-8\"";
        else context.Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Administrator credentials required").ExecuteAsync(context);
    }

    private bool IsAdmin(string header)
    {
        if (!AuthenticationHeaderValue.TryParse(header, out var value) || value.Parameter is not { Length: > 0 } parameter)
            return false;
        if (_options.HasToken && value.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            return SameSecret(parameter, _options.Token!);
        if (_options.HasBasic && value.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            string decoded;
            try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter)); }
            catch (FormatException) { return false; }
            var colon = decoded.IndexOf(':');
            // Both halves are compared, whatever the first gives, so timing reveals neither.
            return colon > 0 & SameSecret(decoded[..Math.Max(colon, 0)], _options.Username!) & SameSecret(decoded[(colon + 1)..], _options.Password!);
        }
        return false;
    }

    private static bool SameSecret(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operator endpoint access refused to {RemoteAddress}: missing or wrong administrator credentials")]
    private partial void LogRefused(string? remoteAddress);
}
