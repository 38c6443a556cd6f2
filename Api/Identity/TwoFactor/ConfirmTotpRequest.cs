namespace Api.Identity.TwoFactor;

public sealed record ConfirmTotpRequest(string? Code);
