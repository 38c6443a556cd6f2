namespace Api.Identity.TwoFactor;

public sealed record SecondFactorLogInRequest(string? MfaToken, string? Code);
