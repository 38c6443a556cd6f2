namespace Api.Identity;

/// <summary>Claim names of access tokens, as they appear in the token and (with MapInboundClaims off) in the ClaimsPrincipal.</summary>
public static class AccessTokenClaims
{
    /// <summary>The user id (a Guid string).</summary>
    public const string Subject = "sub";
    public const string Email = "email";
    /// <summary>The login session id: revoking the login revokes its access tokens.</summary>
    public const string SessionId = "sid";
    public const string TokenId = "jti";
    public const string Expires = "exp";
}
