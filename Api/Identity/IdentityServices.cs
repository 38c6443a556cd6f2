using Api.Identity.Mail;
using Grains.Interfaces.Identity;
using Microsoft.Extensions.Options;

namespace Api.Identity;

/// <summary>What the auth endpoints need, bound with <c>[AsParameters]</c>.</summary>
public sealed class IdentityServices(HttpContext httpContext, IGrainFactory grains, AccessTokenIssuer tokens, AccountMailer mailer, IOptions<AuthOptions> options, TimeProvider clock)
{
    public HttpContext HttpContext { get; } = httpContext;

    public IGrainFactory Grains { get; } = grains;

    public AccessTokenIssuer Tokens { get; } = tokens;

    public IOptions<AuthOptions> Options { get; } = options;

    public AccountMailer Mailer { get; } = mailer;

    public TimeProvider Clock { get; } = clock;

    /// <summary>The caller as the session list shows it: its User-Agent and the connection's remote address.</summary>
    public ClientInfo Client => new(HttpContext.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null,
        HttpContext.Connection.RemoteIpAddress?.ToString());

    public IAccountsGrain Accounts => Grains.GetGrain<IAccountsGrain>(0);

    public async Task<TokenResponse> TokenResponseAsync(IssuedLogin login)
    {
        var accessToken = await Tokens.IssueAsync(login.User, login.SessionId);
        return new TokenResponse(UserResponse.From(login.User), accessToken, login.RefreshToken, "bearer",
            (long)Options.Value.AccessTokenLifetime.TotalSeconds);
    }
}
