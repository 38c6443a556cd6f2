using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.Tests.Content;

/// <summary>
/// Stands in for the identity feature's JWT bearer scheme until it is merged: a token
/// <c>test.{guid}</c> signs the caller in with that <c>sub</c>; the challenge answers as JwtBearer does.
/// </summary>
internal sealed class TestBearerHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "TestBearer";
    private const string TokenPrefix = "Bearer test.";

    public static string TokenFor(Guid userId) => $"test.{userId}";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(TokenPrefix, StringComparison.Ordinal))
            return Task.FromResult(AuthenticateResult.NoResult());
        if (!Guid.TryParse(header[TokenPrefix.Length..], out var userId))
            return Task.FromResult(AuthenticateResult.Fail("Malformed test token."));

        var identity = new ClaimsIdentity([new Claim("sub", userId.ToString())], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = (int)HttpStatusCode.Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
