using Api.Http;
using Grains.Interfaces.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Api.Identity.SocialSignIn;

/// <summary><c>GET /auth/{provider}</c> and its callback. The flow talks to the provider; the grains decide which user signs in.</summary>
public static class SocialSignInApi
{
    private const string StateProblem = "The sign-in state is missing, unknown, expired or already used; start the sign-in again.";

    public static RouteGroupBuilder MapSocialSignInApi(this RouteGroupBuilder auth)
    {
        auth.MapGet("/{provider}", StartSocialSignIn)
            .WithName(nameof(StartSocialSignIn))
            .WithSummary("Start signing in with an external provider: redirects to its authorize URL")
            .Produces(StatusCodes.Status302Found)
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status502BadGateway)
            .RequireLimit(AuthRateLimiting.LogInPolicy);

        auth.MapGet("/{provider}/callback", CompleteSocialSignIn)
            .WithName(nameof(CompleteSocialSignIn))
            .WithSummary("Where the provider sends the user back: signs in, linking or creating the account")
            .Produces(StatusCodes.Status302Found)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status502BadGateway)
            .RequireLimit(AuthRateLimiting.LogInPolicy);
        return auth;
    }

    public static async Task<Results<RedirectHttpResult, ProblemHttpResult>> StartSocialSignIn(
        string provider, HttpContext context, [AsParameters] SocialSignInServices social)
    {
        if (social.Providers.Find(provider) is not { } external)
            return UnknownProvider(provider);
        try
        {
            return TypedResults.Redirect(await social.Flow.StartAsync(external, context.Request, context.RequestAborted));
        }
        catch (SocialSignInException e)
        {
            return Failed(external, e, social.Logger);
        }
    }

    public static async Task<Results<Ok<TokenResponse>, RedirectHttpResult, ProblemHttpResult>> CompleteSocialSignIn(
        string provider, [AsParameters] CallbackParameters query, [AsParameters] IdentityServices services, [AsParameters] SocialSignInServices social)
    {
        if (social.Providers.Find(provider) is not { } external)
            return UnknownProvider(provider);
        // State values we issue are 43 characters; anything else cannot be ours and names no grain.
        if (query.State is not { Length: > 0 and <= 64 } state
            || await services.Grains.GetGrain<ISignInFlowGrain>(state).TakeAsync() is not { } pending
            || pending.Provider != external.Name)
        {
            return Problems.Of(StatusCodes.Status400BadRequest, StateProblem, title: "Invalid sign-in state");
        }

        if (query.Error is { Length: > 0 } error)
            return ProviderError(external, error, query.ErrorDescription);
        if (string.IsNullOrEmpty(query.Code))
            return Problems.Of(StatusCodes.Status400BadRequest, "The provider sent neither a code nor an error.", title: "Missing code");

        ExternalSignInResult result;
        try
        {
            var identity = await social.Flow.CompleteAsync(external, pending, query.Code, services.HttpContext.RequestAborted);
            result = await services.Accounts.SignInWithProviderAsync(identity, services.Client);
        }
        catch (SocialSignInException e)
        {
            return Failed(external, e, social.Logger);
        }
        if (result is not { Login: { } login })
        {
            return Problems.Of(StatusCodes.Status400BadRequest,
                $"{external.Name} did not share a valid email address; allow access to it and sign in again.", title: "No email address");
        }

        social.Logger.SignedIn(external.Name, login.User.Id, result.Outcome);
        var tokens = await services.TokenResponseAsync(login);
        return social.Settings.Value.FrontEndRedirectUri is { } frontEnd
            ? TypedResults.Redirect($"{frontEnd}#{Fragment(tokens)}")
            : TypedResults.Ok(tokens);
    }

    /// <summary>The token body's fields, form-encoded: a fragment never reaches a server's logs.</summary>
    private static string Fragment(TokenResponse tokens) => QueryString.Create(new Dictionary<string, string?>
    {
        ["access_token"] = tokens.AccessToken,
        ["refresh_token"] = tokens.RefreshToken,
        ["token_type"] = tokens.TokenType,
        ["expires_in"] = tokens.ExpiresIn.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["user_id"] = tokens.User.Id,
    }).Value![1..];

    private static ProblemHttpResult UnknownProvider(string provider) =>
        Problems.Of(StatusCodes.Status404NotFound, $"No sign-in provider named '{provider}' is configured.", title: "Unknown provider");

    private static ProblemHttpResult Failed(OpenIdConnectProvider provider, SocialSignInException e, ILogger logger)
    {
        logger.SignInFailed(provider.Name, e.Failure, e.ProviderError, e);
        return e.Failure switch
        {
            SocialSignInFailure.ProviderError => ProviderError(provider, e.ProviderError!, e.Message),
            SocialSignInFailure.InvalidIdentity => Problems.Of(StatusCodes.Status400BadRequest,
                $"What {provider.Name} returned did not pass validation; start the sign-in again.", title: "Sign-in not verified"),
            _ => Problems.Of(StatusCodes.Status502BadGateway,
                $"{provider.Name} could not be reached or did not answer properly; try again later.", title: "Provider unavailable"),
        };
    }

    private static ProblemHttpResult ProviderError(OpenIdConnectProvider provider, string error, string? description) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The provider refused the sign-in",
            detail: description ?? $"{provider.Name} answered '{error}'.",
            extensions: new Dictionary<string, object?> { ["error"] = error });

}
