namespace Api.Identity.TwoFactor;

public sealed record RecoveryCodesResponse(IReadOnlyList<string> RecoveryCodes);
