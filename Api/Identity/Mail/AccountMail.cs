namespace Api.Identity.Mail;

/// <summary>A mail the account endpoints asked for; what it says is decided when it is sent.</summary>
public abstract record AccountMail
{
    private AccountMail() { }

    /// <summary>A link that verifies the user's email, unless it is verified already.</summary>
    public sealed record Verification(Guid UserId) : AccountMail;

    /// <summary>A link that resets the password of the account registered with <paramref name="Email"/>, if there is one.</summary>
    public sealed record PasswordReset(string Email) : AccountMail;
}
