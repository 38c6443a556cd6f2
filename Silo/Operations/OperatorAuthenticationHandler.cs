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
        // One challenge per header: Chromium reads only the first challenge of a header, and Bearer is not one it answers.
        Response.Headers.WWWAuthenticate = new(["Basic realm=\"operator\", charset=\"UTF-8\"", "Bearer realm=\"operator\""]);
        return Task.CompletedTask;
    }

    private bool IsOperator(string scheme, string parameter)
    {
        if (credentials.Token is { } token && scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            return SameSecret(parameter, token);
        if (!scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) || !BasicCredentials.TryParse(parameter, out var given))
            return false;
        // A browser keeps basic credentials and sends them with requests other sites make it send; those may only read.
        if (!IsSafeFromThisSite(Request))
            return false;
        // The token as the password, under any user name (or none): how a browser, which cannot send a bearer token, opens /console.
        if (credentials.Token is { } password && SameSecret(given.Password, password))
            return true;
        // Both halves are compared, whatever the first gives, so timing reveals neither.
        return credentials is { Username: { } user, Password: { } expected } && given.User.Length > 0
            && SameSecret(given.User, user) & SameSecret(given.Password, expected);
    }

    /// <summary>
    /// Whether the request reads (GET, HEAD, OPTIONS), or a browser says it comes from a page of this origin or from the
    /// person themselves (<c>Sec-Fetch-Site</c>); clients other than browsers do not send the header.
    /// </summary>
    private static bool IsSafeFromThisSite(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
        || request.Headers["Sec-Fetch-Site"] is not [{ } site] || site is "same-origin" or "none";

    private static bool SameSecret(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operator credentials refused to {RemoteAddress} for {Path}")]
    private static partial void LogRefused(ILogger logger, string? remoteAddress, string path);
}
