namespace Api.Identity.TwoFactor;

public sealed record MfaRequiredResponse(bool MfaRequired, string MfaToken, long ExpiresIn);
