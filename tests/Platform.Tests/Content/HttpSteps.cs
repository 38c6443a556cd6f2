using System.Net.Http.Headers;
using System.Text.Json;
using Grains.Interfaces.Content;
using Microsoft.AspNetCore.Mvc.Testing;
using Platform.Tests.Identity;

namespace Platform.Tests.Content;

/// <summary>Steps the HTTP content tests share.</summary>
internal static class HttpSteps
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>A client of a newly signed-up user.</summary>
    public static async Task<(HttpClient Client, Guid UserId)> SignedInClientAsync<T>(this WebApplicationFactory<T> api) where T : class
    {
        var client = api.CreateClient();
        var user = await TestUsers.SignUpAsync(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.AccessToken);
        return (client, user.Id);
    }

    public static async Task<Post> CreatePostAsync(this HttpClient client, string title = "A title", string body = "A body")
    {
        var response = await client.PostAsJsonAsync("/api/posts", new { title, body });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Post>(Json))!;
    }

    public static async Task<Collection> CreateCollectionAsync(this HttpClient client, string name = "Reading list")
    {
        var response = await client.PostAsJsonAsync("/api/collections", new { name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Collection>(Json))!;
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        Assert.Equal(expected, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    public static Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string path, object? body = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    public static async Task AssertValidationErrorAsync(this HttpResponseMessage response, string field)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"No error for '{field}': {problem}");
        Assert.NotEqual(0, messages.GetArrayLength());
    }

    public static string ETag(int version) => $"\"{version}\"";
}
