using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Silo.Operations;

/// <summary>
/// The operators' authentication scheme: <c>Authorization: Bearer</c> with the operator token, or HTTP basic with the
/// operator's user name and password (<see cref="OperatorCredentials"/>). Endpoints opt in with
/// <c>RequireAuthorization(OperatorAccess.Policy)</c> (the Api's endpoints through <c>RequireOperator()</c>); anything else is left to the other schemes.
/// </summary>
public sealed partial class OperatorAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder, OperatorCredentials credentials)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    private static readonly AuthenticateResult Refused = AuthenticateResult.Fail("Missing or wrong operator credentials.");

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization.ToString(), out var header) || header.Parameter is not { Length: > 0 } parameter)
            return Task.FromResult(AuthenticateResult.NoResult());
        if (!IsOperator(header.Scheme, parameter))
            return Task.FromResult(Refused);
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "operator"), new Claim(ClaimTypes.Role, "operator")], OperatorAccess.Scheme);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), OperatorAccess.Scheme)));
    }

    /// <summary>401 naming both ways in; the status-code pages give it a problem body.</summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Request.Headers.Authorization.Count > 0)
            LogRefused(Logger, Context.Connection.RemoteIpAddress?.ToString(), Request.Path);
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"operator\", Basic realm=\"operator\", charset=\"UTF-8\"";
        return Task.CompletedTask;
    }

    private bool IsOperator(string scheme, string parameter)
    {
        if (credentials.Token is { } token && scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            return SameSecret(parameter, token);
        if (credentials is { Username: { } user, Password: { } password } && scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            string decoded;
            try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter)); }
            catch (FormatException) { return false; }
            var colon = decoded.IndexOf(':');
            // Both halves are compared, whatever the first gives, so timing reveals neither.
            return colon > 0 & SameSecret(decoded[..Math.Max(colon, 0)], user) & SameSecret(decoded[(colon + 1)..], password);
        }
        return false;
    }

    private static bool SameSecret(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operator credentials refused to {RemoteAddress} for {Path}")]
    private static partial void LogRefused(ILogger logger, string? remoteAddress, string path);
}
