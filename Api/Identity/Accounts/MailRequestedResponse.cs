namespace Api.Identity.Accounts;

/// <summary>The answer to a request for an account mail, which is sent after it.</summary>
public sealed record MailRequestedResponse(string Detail);
