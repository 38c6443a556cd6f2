namespace Platform.Tests.Identity;

/// <summary>A user signed up through the Api, with the tokens of that signup.</summary>
public sealed record TestUser(Guid Id, string Email, string Password, string AccessToken, string RefreshToken);
