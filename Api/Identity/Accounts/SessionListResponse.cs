namespace Api.Identity.Accounts;

public sealed record SessionListResponse(IReadOnlyList<SessionResponse> Items);
