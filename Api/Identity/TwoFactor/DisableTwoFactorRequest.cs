namespace Api.Identity.TwoFactor;

public sealed record DisableTwoFactorRequest(string? Password);
