using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Platform.Tests.Identity;

/// <summary>How any feature's tests get a signed-in user.</summary>
public static class TestUsers
{
    public const string DefaultPassword = "correct horse battery staple";

    /// <summary>Signs up a new user (a fresh email unless given) and returns its id and tokens.</summary>
    public static async Task<TestUser> SignUpAsync(HttpClient client, string? email = null, string password = DefaultPassword)
    {
        email ??= $"user-{Guid.NewGuid():N}@example.com";
        var response = await client.PostAsJsonAsync("/auth/signup", new { email, password, full_name = "Test User" });
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"Signup answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new TestUser(
            Guid.Parse(body.GetProperty("user").GetProperty("id").GetString()!),
            email,
            password,
            body.GetProperty("access_token").GetString()!,
            body.GetProperty("refresh_token").GetString()!);
    }

    /// <summary>A client that sends <paramref name="accessToken"/> as its bearer token.</summary>
    public static HttpClient CreateClient(this WebApplicationFactory<Program> api, string accessToken)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }
}
