namespace Api.Identity;

/// <summary>The body of signup, login and refresh. <see cref="ExpiresIn"/> is the access token's lifetime in seconds.</summary>
public sealed record TokenResponse(UserResponse User, string AccessToken, string RefreshToken, string TokenType, long ExpiresIn);
