namespace Api.Identity;

public sealed record RefreshRequest(string? RefreshToken);
