namespace Api.Identity;

/// <summary>The body of <c>/auth/verify</c>; <see cref="Exp"/> is the token's <c>exp</c> claim (seconds since the Unix epoch), as the seed returned it.</summary>
public sealed record VerifyResponse(bool Valid, string Sub, string Email, long Exp);
