namespace Api.Identity;

public sealed record SignUpRequest(string? Email, string? Password, string? FullName);
