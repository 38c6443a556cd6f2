namespace Api.Identity.Accounts;

public sealed record EmailVerifiedResponse(bool EmailVerified);
