namespace Api.Identity.TwoFactor;

public sealed record TotpEnrolmentResponse(string Secret, string OtpauthUri, string QrSvg);
