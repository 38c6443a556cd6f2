using Grains.Interfaces.Identity;
using Microsoft.Extensions.Options;

namespace Api.Identity;

/// <summary>What the auth endpoints need, bound with <c>[AsParameters]</c>.</summary>
public sealed class IdentityServices(HttpContext httpContext, IGrainFactory grains, AccessTokenIssuer tokens, IOptions<AuthOptions> options)
{
    public HttpContext HttpContext { get; } = httpContext;

    public IGrainFactory Grains { get; } = grains;

    public AccessTokenIssuer Tokens { get; } = tokens;

    public IOptions<AuthOptions> Options { get; } = options;

    public IAccountsGrain Accounts => Grains.GetGrain<IAccountsGrain>(0);

    public async Task<TokenResponse> TokenResponseAsync(IssuedLogin login)
    {
        var accessToken = await Tokens.IssueAsync(login.User, login.SessionId);
        return new TokenResponse(UserResponse.From(login.User), accessToken, login.RefreshToken, "bearer",
            (long)Options.Value.AccessTokenLifetime.TotalSeconds);
    }
}
