using System.Security.Claims;
using Api.Http;
using Api.Identity.Accounts;
using Api.Identity.Mail;
using Api.Identity.SocialSignIn;
using Api.Identity.TwoFactor;
using Grains.Interfaces.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Api.Identity;

/// <summary>The <c>/auth</c> endpoints and the public signing keys. Grains decide; these map HTTP to grain calls and back.</summary>
public static class IdentityApi
{
    private const string Tag = "Auth";

    public static RouteGroupBuilder MapIdentityApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/.well-known/jwks.json", GetJsonWebKeySet)
            .WithName(nameof(GetJsonWebKeySet))
            .WithSummary("Public keys that verify access-token signatures")
            .WithTags(Tag);

        app.MapAccountLinkPages();
        var api = app.MapGroup("/auth").WithTags(Tag);

        api.MapPost("/keys/rotate", RotateKeys)
            .WithName(nameof(RotateKeys))
            .WithSummary("Start a new generation of token keys: published in JWKS now, signing after Auth:KeyAnnouncePeriod (operator)")
            .RequireOperator();

        api.MapPost("/signup", SignUp)
            .WithName(nameof(SignUp))
            .WithSummary("Create an account with email and password, and sign in")
            .ProducesProblems(StatusCodes.Status409Conflict)
            .RequireLimit(AuthRateLimiting.SignUpPolicy);

        api.MapPost("/login", LogIn)
            .WithName(nameof(LogIn))
            .WithSummary("Sign in with email and password; with two-factor sign-in on, the answer asks for a code instead (mfa_required)")
            .ProducesProblems(StatusCodes.Status401Unauthorized)
            .RequireLimit(AuthRateLimiting.LogInPolicy);

        api.MapPost("/refresh", Refresh)
            .WithName(nameof(Refresh))
            .WithSummary("Exchange a refresh token for a new token pair; the presented one is spent")
            .ProducesProblems(StatusCodes.Status401Unauthorized);

        api.MapPost("/logout", LogOut)
            .WithName(nameof(LogOut))
            .WithSummary("End this login: its refresh and access tokens stop working")
            .RequireSignIn();

        api.MapGet("/me", GetMe)
            .WithName(nameof(GetMe))
            .WithSummary("The signed-in user's profile")
            .ProducesProblems(StatusCodes.Status404NotFound)
            .RequireSignIn();

        api.MapGet("/verify", Verify)
            .WithName(nameof(Verify))
            .WithSummary("Check an access token and show its subject")
            .RequireSignIn();

        api.MapAccountsApi();
        api.MapTwoFactorApi();
        // /auth/{provider} never shadows the fixed paths above: literal segments outrank route parameters.
        api.MapSocialSignInApi();
        return api;
    }

    /// <summary>Read again at most every few seconds, so a rotation made through any node shows here at once.</summary>
    public static async Task<Ok<JsonWebKeySetDocument>> GetJsonWebKeySet(AccessTokenKeySource keys, IOptions<AuthOptions> options, TimeProvider clock)
    {
        var ring = await keys.RefreshAsync(ifOlderThan: TimeSpan.FromSeconds(5));
        return TypedResults.Ok(new JsonWebKeySetDocument([.. ring.Published(clock.GetUtcNow(), options.Value.PublishedAfterRetirement).Select(g => g.PublicKey)]));
    }

    public static async Task<Accepted<KeyRotationResponse>> RotateKeys(AccessTokenKeySource keys)
    {
        var next = await keys.RotateAsync();
        return TypedResults.Accepted((string?)null, new KeyRotationResponse(next.PublicKey.Kid, next.EncryptionKeyId, next.SignsFrom.UtcDateTime));
    }

    public static async Task<Results<Created<TokenResponse>, ValidationProblem, ProblemHttpResult>> SignUp(
        SignUpRequest request, [AsParameters] IdentityServices services)
    {
        var result = await services.Accounts.SignUpAsync(new SignUpCommand(request.Email, request.Password, request.FullName), services.Client);
        if (result is { Status: SignUpStatus.Created, Login: { } created })
            services.Mailer.Enqueue(new AccountMail.Verification(created.User.Id));
        return result switch
        {
            { Status: SignUpStatus.Created, Login: { } login } => TypedResults.Created("/auth/me", await services.TokenResponseAsync(login)),
            { Status: SignUpStatus.EmailTaken } => Problems.Of(
                StatusCodes.Status409Conflict, "An account with this email address already exists.", title: "Email taken"),
            _ => TypedResults.ValidationProblem(result.Errors ?? [], detail: "The signup is not valid."),
        };
    }

    public static async Task<Results<Ok<TokenResponse>, Ok<MfaRequiredResponse>, ValidationProblem, ProblemHttpResult>> LogIn(LogInRequest request, [AsParameters] IdentityServices services)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(request.Email)) errors["email"] = ["Required."];
        if (string.IsNullOrEmpty(request.Password)) errors["password"] = ["Required."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, detail: "The login needs an email and a password.");

        var result = await services.Accounts.LogInAsync(request.Email!, request.Password!, services.Client);
        switch (result)
        {
            case { Status: LogInStatus.Succeeded, Login: { } login }:
                return TypedResults.Ok(await services.TokenResponseAsync(login));
            case { Status: LogInStatus.MfaRequired, Challenge: { } challenge }:
                return TypedResults.Ok(new MfaRequiredResponse(true, challenge.Token,
                    (long)Math.Max(0, (challenge.ExpiresAt - services.Clock.GetUtcNow()).TotalSeconds)));
            case { Status: LogInStatus.LockedOut }:
                return TooManyAttempts(services.HttpContext, result.RetryAfter, "Too many failed logins",
                    "This account is temporarily locked after repeated failed logins.");
            default:
                return Unauthorized(services.HttpContext, "Invalid email or password.");
        }
    }

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Refresh(RefreshRequest request, [AsParameters] IdentityServices services)
    {
        var result = await services.Accounts.RefreshAsync(request.RefreshToken ?? "", services.Client);
        return result is { Status: RefreshStatus.Rotated, Login: { } login }
            ? TypedResults.Ok(await services.TokenResponseAsync(login))
            : Unauthorized(services.HttpContext, "The refresh token is invalid, expired or already used.");
    }

    public static async Task<NoContent> LogOut(ClaimsPrincipal user, IGrainFactory grains)
    {
        if (Guid.TryParse(user.FindFirst(AccessTokenClaims.SessionId)?.Value, out var sessionId))
            await grains.GetGrain<ILoginSessionGrain>(sessionId).RevokeAsync();
        return TypedResults.NoContent();
    }

    /// <summary>A valid token of a user that no longer exists is a 404: the token outlived its account.</summary>
    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> GetMe(ClaimsPrincipal user, IGrainFactory grains) =>
        await grains.GetGrain<IUserGrain>(user.UserId()).GetProfileAsync() is { } profile
            ? TypedResults.Ok(UserResponse.From(profile))
            : Problems.Of(StatusCodes.Status404NotFound, "The account of this token no longer exists.", title: "No such user");

    public static Ok<VerifyResponse> Verify(ClaimsPrincipal user) => TypedResults.Ok(new VerifyResponse(
        true,
        user.UserId().ToString(),
        user.FindFirst(AccessTokenClaims.Email)?.Value ?? "",
        long.TryParse(user.FindFirst(AccessTokenClaims.Expires)?.Value, out var exp) ? exp : 0));

    /// <summary>A 429 for an account that refuses attempts for a while, with the seconds to wait in Retry-After.</summary>
    internal static ProblemHttpResult TooManyAttempts(HttpContext context, TimeSpan? retryAfter, string title, string detail)
    {
        context.Response.Headers.RetryAfter = PlatformRateLimiter.RetryAfterSeconds(retryAfter ?? TimeSpan.Zero);
        return Problems.Of(StatusCodes.Status429TooManyRequests, detail, title: title);
    }

    internal static ProblemHttpResult Unauthorized(HttpContext context, string detail)
    {
        context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        return Problems.Of(StatusCodes.Status401Unauthorized, detail, title: "Unauthorized");
    }
}
