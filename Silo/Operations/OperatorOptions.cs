namespace Silo.Operations;

/// <summary>
/// <c>Operator:*</c>: the credentials of the operator endpoints (the dashboard, dead letters, key rotation…):
/// <c>Authorization: Bearer</c> with <see cref="Token"/>, or HTTP basic with <see cref="Username"/> and
/// <see cref="Password"/>. The older <c>Dashboard:*</c> keys are read where these are unset. With none configured,
/// the embedded default generates a token (<see cref="OperatorCredentials"/>); cluster mode keeps the endpoints closed.
/// </summary>
public sealed class OperatorOptions
{
    public const string SectionName = "Operator";
    public const string LegacySectionName = "Dashboard";

    public string? Username { get; set; }

    [Redact] public string? Password { get; set; }

    [Redact] public string? Token { get; set; }

    internal bool HasBasic => !string.IsNullOrEmpty(Username) && !string.IsNullOrEmpty(Password);

    internal bool HasToken => !string.IsNullOrEmpty(Token);
}
