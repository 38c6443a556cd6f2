using Microsoft.AspNetCore.Http.HttpResults;

namespace Api.Http;

/// <summary>The one way endpoints answer a problem (RFC 9457): a status, what went wrong, and a title when the status's own is too vague.</summary>
public static class Problems
{
    public static ProblemHttpResult Of(int status, string detail, string? title = null) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);
}
