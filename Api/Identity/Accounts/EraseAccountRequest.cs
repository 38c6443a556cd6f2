namespace Api.Identity.Accounts;

/// <summary>The confirmation of an erasure: the password; accounts without one send none and must have signed in moments ago.</summary>
public sealed record EraseAccountRequest(string? Password);
