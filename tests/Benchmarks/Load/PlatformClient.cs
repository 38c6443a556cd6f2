using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Benchmarks.Load;

/// <summary>The few calls that set a scenario up: accounts, posts, collections.</summary>
public sealed class PlatformClient(string baseUrl) : IDisposable
{
    public const string Password = "bench-password-1";
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly HttpClient _http = new() { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Signs a new account up and returns its email and access token.</summary>
    public async Task<(string Email, string Token)> SignUpAsync()
    {
        var email = $"bench-{Guid.NewGuid():N}@example.com";
        var body = await SendAsync(HttpMethod.Post, "/auth/signup", null, new { email, password = Password });
        return (email, body["access_token"]!.GetValue<string>());
    }

    public async Task<string> CreatePostAsync(string token, string title = "benchmark post") =>
        (await SendAsync(HttpMethod.Post, "/api/posts", token, new { title, body = "Measured by tests/Benchmarks." }))["id"]!.GetValue<string>();

    public async Task<string> CreateCollectionAsync(string token) =>
        (await SendAsync(HttpMethod.Post, "/api/collections", token, new { name = "benchmark" }))["id"]!.GetValue<string>();

    public async Task<string> GetTextAsync(string path, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonNode> SendAsync(HttpMethod method, string path, string? token, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: Json) };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }
}
