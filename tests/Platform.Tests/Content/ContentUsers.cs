namespace Platform.Tests.Content;

/// <summary>Signs up a new user for a test; the identity feature's TestUsers takes over once merged.</summary>
internal static class ContentUsers
{
    public static Task<(Guid UserId, string AccessToken)> SignUpAsync(HttpClient client)
    {
        _ = client;
        var userId = Guid.NewGuid();
        return Task.FromResult((userId, TestBearerHandler.TokenFor(userId)));
    }
}
