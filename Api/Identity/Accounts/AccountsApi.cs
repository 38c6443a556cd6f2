using System.Security.Claims;
using Api.Http;
using Api.Identity.Mail;
using Grains.Identity;
using Grains.Interfaces.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Api.Identity.Accounts;

/// <summary>The account lifecycle under <c>/auth</c>: email verification, password reset and change, and the user's sessions.</summary>
public static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this RouteGroupBuilder auth)
    {
        auth.MapPost("/verify-email", VerifyEmail)
            .WithName(nameof(VerifyEmail))
            .WithSummary("Spend the token of a verification mail: the account's email is verified")
            .ProducesProblems(StatusCodes.Status400BadRequest);

        auth.MapPost("/verify-email/resend", ResendVerification)
            .WithName(nameof(ResendVerification))
            .WithSummary("Send the verification mail again (nothing is sent for a verified email)")
            .RequireSignIn()
            .RequireLimit(AuthRateLimiting.MailPolicy);

        auth.MapPost("/password/forgot", ForgotPassword)
            .WithName(nameof(ForgotPassword))
            .WithSummary("Mail a password-reset link to the account with this email, if there is one; the answer is the same either way")
            .RequireLimit(AuthRateLimiting.MailPolicy);

        auth.MapPost("/password/reset", ResetPassword)
            .WithName(nameof(ResetPassword))
            .WithSummary("Set a new password with the token of a reset mail; every session of the account ends")
            .ProducesProblems(StatusCodes.Status400BadRequest);

        auth.MapPost("/password/change", ChangePassword)
            .WithName(nameof(ChangePassword))
            .WithSummary("Set a new password, giving the current one; every other session of the account ends")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status429TooManyRequests)
            .RequireSignIn();

        auth.MapGet("/sessions", ListSessions)
            .WithName(nameof(ListSessions))
            .WithSummary("The account's active sessions (logins), the caller's own marked current")
            .RequireSignIn();

        auth.MapDelete("/me", EraseAccount)
            .WithName(nameof(EraseAccount))
            .WithSummary("Erase the account: its sessions, provider links, collections, posts and stored events; the email can sign up again")
            .ProducesProblems(StatusCodes.Status429TooManyRequests)
            .RequireSignIn();

        auth.MapDelete("/sessions/{id:guid}", EndSession)
            .WithName(nameof(EndSession))
            .WithSummary("End one session of the account: its tokens stop working at once on every node")
            .ProducesProblems(StatusCodes.Status404NotFound)
            .RequireSignIn();
        return auth;
    }

    public static async Task<Results<Ok<EmailVerifiedResponse>, ProblemHttpResult>> VerifyEmail(VerifyEmailRequest request, [AsParameters] IdentityServices services) =>
        !string.IsNullOrEmpty(request.Token) && await services.Accounts.VerifyEmailAsync(request.Token)
            ? TypedResults.Ok(new EmailVerifiedResponse(true))
            : InvalidToken("verification");

    public static Accepted<MailRequestedResponse> ResendVerification(ClaimsPrincipal user, AccountMailer mailer)
    {
        mailer.Enqueue(new AccountMail.Verification(user.UserId()));
        return TypedResults.Accepted((string?)null, new MailRequestedResponse("Unless the email is verified already, a new verification link is on its way."));
    }

    /// <summary>Only the address's form is checked here; whether an account has it is found out after the answer.</summary>
    public static Results<Accepted<MailRequestedResponse>, ValidationProblem> ForgotPassword(ForgotPasswordRequest request, AccountMailer mailer)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || !EmailAddress.IsValid(request.Email))
            return TypedResults.ValidationProblem(Errors("email", "A valid email address is required."), detail: "The request is not valid.");
        mailer.Enqueue(new AccountMail.PasswordReset(request.Email));
        return TypedResults.Accepted((string?)null, new MailRequestedResponse("If an account has this email address, a password-reset link is on its way."));
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ResetPassword(ResetPasswordRequest request, [AsParameters] IdentityServices services)
    {
        if (string.IsNullOrEmpty(request.Token))
            return TypedResults.ValidationProblem(Errors("token", "Required."), detail: "The reset needs the token of the reset mail.");
        var result = await services.Accounts.ResetPasswordAsync(request.Token, request.NewPassword);
        return result.Status switch
        {
            PasswordChangeStatus.Changed => TypedResults.NoContent(),
            PasswordChangeStatus.Invalid => TypedResults.ValidationProblem(result.Errors ?? [], detail: "The new password is not acceptable."),
            _ => InvalidToken("reset"),
        };
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ChangePassword(
        ClaimsPrincipal user, ChangePasswordRequest request, [AsParameters] IdentityServices services)
    {
        if (string.IsNullOrEmpty(request.CurrentPassword))
            return TypedResults.ValidationProblem(Errors("current_password", "Required."), detail: "A change needs the current password.");
        var result = await services.Accounts.ChangePasswordAsync(user.UserId(), user.SessionId() ?? Guid.Empty, request.CurrentPassword, request.NewPassword);
        switch (result.Status)
        {
            case PasswordChangeStatus.Changed:
                return TypedResults.NoContent();
            case PasswordChangeStatus.Invalid:
                return TypedResults.ValidationProblem(result.Errors ?? [], detail: "The new password is not acceptable.");
            case PasswordChangeStatus.LockedOut:
                return IdentityApi.TooManyAttempts(services.HttpContext, result.RetryAfter, "Too many failed attempts",
                    "This account is temporarily locked after repeated wrong passwords.");
            default:
                return IdentityApi.Unauthorized(services.HttpContext, "The current password is wrong.");
        }
    }

    public static async Task<Ok<SessionListResponse>> ListSessions(ClaimsPrincipal user, IGrainFactory grains)
    {
        var sessions = await grains.GetGrain<IUserSessionsGrain>(user.UserId()).ListAsync();
        var current = user.SessionId();
        return TypedResults.Ok(new SessionListResponse([.. sessions.Select(s => SessionResponse.From(s, current))]));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> EraseAccount(
        ClaimsPrincipal user, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] EraseAccountRequest? request, [AsParameters] IdentityServices services)
    {
        var result = await services.Accounts.EraseAccountAsync(user.UserId(), user.SessionId() ?? Guid.Empty, request?.Password);
        switch (result.Status)
        {
            case ErasureStatus.Erased:
                return TypedResults.NoContent();
            case ErasureStatus.LockedOut:
                return IdentityApi.TooManyAttempts(services.HttpContext, result.RetryAfter, "Too many failed attempts",
                    "This account is temporarily locked after repeated wrong passwords.");
            case ErasureStatus.SignInTooOld:
                return IdentityApi.Unauthorized(services.HttpContext,
                    $"This account has no password: sign in again, then erase it within {IAccountsGrain.RecentSignIn.TotalMinutes:0} minutes.");
            default:
                return IdentityApi.Unauthorized(services.HttpContext, "The password is wrong.");
        }
    }

    /// <summary>A session of another user is answered like one that does not exist.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> EndSession(Guid id, ClaimsPrincipal user, IGrainFactory grains) =>
        await grains.GetGrain<IUserSessionsGrain>(user.UserId()).RevokeAsync(id)
            ? TypedResults.NoContent()
            : Problems.Of(StatusCodes.Status404NotFound, "The account has no active session with this id.", title: "No such session");

    private static ProblemHttpResult InvalidToken(string kind) => Problems.Of(StatusCodes.Status400BadRequest, $"The {kind} token is malformed, expired, already used or replaced by a newer one.", title: "Invalid token");

    private static Dictionary<string, string[]> Errors(string field, string message) => new() { [field] = [message] };
}
