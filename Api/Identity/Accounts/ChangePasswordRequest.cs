namespace Api.Identity.Accounts;

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);
