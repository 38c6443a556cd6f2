using System.Buffers.Text;
using System.Text.Json;
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

        // The validation callbacks are synchronous; make sure they find the keys loaded, including a generation
        // another node started signing with just now.
        if (context.Token is not null || context.Request.Headers.Authorization.Count > 0)
        {
            var ring = await keys.GetAsync();
            if (EncryptionKeyId(context.Token ?? BearerToken(context.Request)) is { } kid && !ring.Knows(kid))
                await keys.RefreshAsync(ifOlderThan: UnknownKeyRefreshInterval);
        }
    }

    /// <summary>How often a token naming an unknown key may make this node read the key ring again.</summary>
    private static readonly TimeSpan UnknownKeyRefreshInterval = TimeSpan.FromSeconds(5);

    private static string? BearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;

    /// <summary>The <c>kid</c> of a JWE's protected header, read without decrypting anything; null when there is none.</summary>
    internal static string? EncryptionKeyId(string? token)
    {
        if (token is null || token.Count(c => c == '.') != 4)
            return null;
        var header = token[..token.IndexOf('.')];
        if (header.Length > 1024 || !Base64Url.IsValid(header))
            return null;
        try
        {
            using var json = JsonDocument.Parse(Base64Url.DecodeFromChars(header));
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("kid", out var kid) && kid.ValueKind == JsonValueKind.String
                ? kid.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
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
