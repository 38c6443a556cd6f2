using System.Text.Json;

namespace Platform.Tests.Infrastructure;

public static class ProblemAssertions
{
    public const string ProblemJson = "application/problem+json";

    /// <summary>Asserts a problem-details answer of that status (RFC 9457: status and title in a problem+json body) and returns the body.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()), $"A problem without a title: {problem}");
        return problem;
    }
}
