using Grains.Interfaces.Identity;

namespace Api.Identity.Accounts;

public sealed record SessionResponse(string Id, DateTime CreatedAt, DateTime LastUsedAt, string? UserAgent, string? Ip, bool Current)
{
    public static SessionResponse From(SessionInfo session, Guid? current) => new(
        session.Id.ToString(), session.CreatedAt.UtcDateTime, session.LastUsedAt.UtcDateTime, session.UserAgent, session.IpAddress, session.Id == current);
}
