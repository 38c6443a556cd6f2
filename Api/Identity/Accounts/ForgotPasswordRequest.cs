namespace Api.Identity.Accounts;

public sealed record ForgotPasswordRequest(string? Email);
