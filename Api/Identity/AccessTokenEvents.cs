using Grains.Interfaces.Identity;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Api.Identity;

/// <summary>What JwtBearer cannot check on its own: that the token was encrypted, and that its login is still active.</summary>
internal sealed class AccessTokenEvents(AccessTokenKeySource keys, IGrainFactory grains) : JwtBearerEvents
{
    /// <summary>Browsers cannot set headers on WebSocket and EventSource requests; on these paths the token may come as <c>?access_token=</c>.</summary>
    public static readonly PathString[] QueryTokenPaths = ["/hubs/notifications", "/ws/notifications", "/sse/notifications"];

    public override async Task MessageReceived(MessageReceivedContext context)
    {
        string? queryToken = context.Request.Query["access_token"];
        if (!string.IsNullOrEmpty(queryToken) && QueryTokenPaths.Any(p => context.Request.Path.StartsWithSegments(p)))
            context.Token = queryToken;

        // The validation callbacks are synchronous; make sure they find the keys loaded.
        if (context.Token is not null || context.Request.Headers.Authorization.Count > 0)
            await keys.GetAsync();
    }

    public override async Task TokenValidated(TokenValidatedContext context)
    {
        // A bare JWS signed with the right key is still not an access token of ours: the claims must be confidential.
        if (context.SecurityToken is not JsonWebToken { IsEncrypted: true })
        {
            context.Fail("The access token is not encrypted.");
            return;
        }

        var sid = context.Principal?.FindFirst(AccessTokenClaims.SessionId)?.Value;
        if (!Guid.TryParse(sid, out var sessionId) || !await grains.GetGrain<ILoginSessionGrain>(sessionId).IsActiveAsync())
            context.Fail("The login of this access token has ended.");
    }
}
