using Grains.Interfaces.Identity;

namespace Api.Identity;

public sealed record UserResponse(string Id, string Email, string? FullName, string[] Providers, DateTime CreatedAt, bool EmailVerified, bool MfaEnabled)
{
    public static UserResponse From(UserProfile user) =>
        new(user.Id.ToString(), user.Email, user.FullName, user.Providers, user.CreatedAt.UtcDateTime, user.EmailVerified, user.MfaEnabled);
}
