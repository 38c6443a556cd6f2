namespace Api.Identity;

public sealed record LogInRequest(string? Email, string? Password);
