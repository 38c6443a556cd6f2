using System.Security.Claims;
using Api.Http;
using Grains.Interfaces.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Api.Identity.TwoFactor;

/// <summary>TOTP two-factor sign-in under <c>/auth</c>: enrolment, confirmation with recovery codes, the login's second step, and turning it off.</summary>
public static class TwoFactorApi
{
    public static RouteGroupBuilder MapTwoFactorApi(this RouteGroupBuilder auth)
    {
        auth.MapPost("/mfa/totp", BeginTotp)
            .WithName(nameof(BeginTotp))
            .WithSummary("Start TOTP enrolment: a secret, its otpauth:// URI and QR code; nothing changes until it is confirmed")
            .ProducesProblems(StatusCodes.Status409Conflict)
            .RequireSignIn();

        auth.MapPost("/mfa/totp/confirm", ConfirmTotp)
            .WithName(nameof(ConfirmTotp))
            .WithSummary("Turn two-factor sign-in on with a code from the new secret; answers ten single-use recovery codes, shown once")
            .ProducesProblems(StatusCodes.Status400BadRequest)
            .RequireSignIn();

        auth.MapDelete("/mfa/totp", DisableTotp)
            .WithName(nameof(DisableTotp))
            .WithSummary("Turn two-factor sign-in off, giving the password")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status429TooManyRequests)
            .RequireSignIn();

        auth.MapPost("/login/mfa", LogInWithSecondFactor)
            .WithName(nameof(LogInWithSecondFactor))
            .WithSummary("Finish a login that answered mfa_required, with a TOTP code or a recovery code")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized)
            .RequireLimit(AuthRateLimiting.LogInPolicy);
        return auth;
    }

    public static async Task<Results<Ok<TotpEnrolmentResponse>, ProblemHttpResult>> BeginTotp(ClaimsPrincipal user, [AsParameters] IdentityServices services)
    {
        if (await services.Grains.GetGrain<ITwoFactorGrain>(user.UserId()).BeginTotpEnrolmentAsync() is not { } secret)
        {
            return Problems.Of(StatusCodes.Status409Conflict, "Turn it off (DELETE /auth/mfa/totp) before enrolling another authenticator.", title: "Two-factor sign-in is on");
        }

        var uri = TotpQrCode.OtpauthUri(services.Options.Value.Issuer, user.FindFirst(AccessTokenClaims.Email)?.Value ?? user.UserId().ToString(), secret);
        return TypedResults.Ok(new TotpEnrolmentResponse(secret, uri, TotpQrCode.Svg(uri)));
    }

    public static async Task<Results<Ok<RecoveryCodesResponse>, ProblemHttpResult>> ConfirmTotp(ClaimsPrincipal user, ConfirmTotpRequest request, IGrainFactory grains) =>
        !string.IsNullOrWhiteSpace(request.Code) && await grains.GetGrain<ITwoFactorGrain>(user.UserId()).ConfirmTotpAsync(request.Code) is { } codes
            ? TypedResults.Ok(new RecoveryCodesResponse(codes))
            : Problems.Of(StatusCodes.Status400BadRequest, "The code does not match the pending secret (or no enrolment is pending); codes change every 30 seconds.", title: "Wrong code");

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DisableTotp(
        ClaimsPrincipal user, [FromBody] DisableTwoFactorRequest request, [AsParameters] IdentityServices services)
    {
        if (string.IsNullOrEmpty(request.Password))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["password"] = ["Required."] }, detail: "Turning two-factor off needs the password.");
        var result = await services.Accounts.DisableTwoFactorAsync(user.UserId(), request.Password);
        switch (result.Status)
        {
            case LogInStatus.Succeeded:
                return TypedResults.NoContent();
            case LogInStatus.LockedOut:
                return IdentityApi.TooManyAttempts(services.HttpContext, result.RetryAfter, "Too many failed attempts",
                    "This account is temporarily locked after repeated wrong passwords.");
            default:
                return IdentityApi.Unauthorized(services.HttpContext, "The password is wrong.");
        }
    }

    public static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> LogInWithSecondFactor(
        SecondFactorLogInRequest request, [AsParameters] IdentityServices services)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(request.MfaToken)) errors["mfa_token"] = ["Required."];
        if (string.IsNullOrWhiteSpace(request.Code)) errors["code"] = ["Required."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, detail: "The second step needs the mfa_token of the login and a code.");

        var result = await services.Accounts.LogInWithSecondFactorAsync(request.MfaToken!, request.Code!, services.Client);
        switch (result)
        {
            case { Status: LogInStatus.Succeeded, Login: { } login }:
                return TypedResults.Ok(await services.TokenResponseAsync(login));
            case { Status: LogInStatus.LockedOut }:
                return IdentityApi.TooManyAttempts(services.HttpContext, result.RetryAfter, "Too many wrong codes",
                    "The second sign-in step of this account is temporarily locked after repeated wrong codes.");
            default:
                return IdentityApi.Unauthorized(services.HttpContext, "The code is wrong, or the login expired: sign in with the password again.");
        }
    }
}
