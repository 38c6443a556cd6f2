using Microsoft.AspNetCore.Mvc;
using Silo.Operations;

namespace Api.Http;

/// <summary>
/// Requirements an endpoint declares together with the problem answer they bring, so the OpenAPI document lists
/// every answer an operation gives, each with its body's schema.
/// </summary>
public static class EndpointConventions
{
    /// <summary>A signed-in user (a valid access token) or 401.</summary>
    public static TBuilder RequireSignIn<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization().ProducesProblems(StatusCodes.Status401Unauthorized);

    /// <summary>An operator credential (see <see cref="OperatorAccess"/>) or 401.</summary>
    public static TBuilder RequireOperator<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(OperatorAccess.Policy).ProducesProblems(StatusCodes.Status401Unauthorized);

    /// <summary>Within the rate limit <paramref name="policy"/>, or 429 with Retry-After.</summary>
    public static TBuilder RequireLimit<TBuilder>(this TBuilder builder, string policy) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RateLimitPolicyMetadata(policy)).ProducesProblems(StatusCodes.Status429TooManyRequests);

    /// <summary>Documents answers the handler gives as problem details (RFC 9457).</summary>
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params int[] statusCodes) where TBuilder : IEndpointConventionBuilder
    {
        foreach (var statusCode in statusCodes)
            builder.WithMetadata(new ProducesResponseTypeMetadata(statusCode, typeof(ProblemDetails), ["application/problem+json"]));
        return builder;
    }
}
