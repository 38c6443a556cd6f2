namespace Api.Identity.Accounts;

public sealed record ResetPasswordRequest(string? Token, string? NewPassword);
