using Microsoft.AspNetCore.Mvc;

namespace Api.Identity.SocialSignIn;

/// <summary>The query of a provider's redirect back: a code and our state, or an OAuth error (RFC 6749 §4.1.2).</summary>
public sealed record CallbackParameters(
    string? Code,
    string? State,
    string? Error,
    [property: FromQuery(Name = "error_description")] string? ErrorDescription);
