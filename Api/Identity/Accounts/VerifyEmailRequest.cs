namespace Api.Identity.Accounts;

public sealed record VerifyEmailRequest(string? Token);
