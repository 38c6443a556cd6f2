namespace Silo.Operations;

/// <summary>
/// <c>Dashboard:*</c>: who may open the Orleans dashboard at <c>/dashboard</c>. In cluster mode it is for
/// administrators only: HTTP basic auth with <see cref="Username"/> and <see cref="Password"/>, or
/// <c>Authorization: Bearer</c> with <see cref="Token"/>. With neither configured it answers 403 there.
/// </summary>
public sealed class DashboardAccessOptions
{
    public const string SectionName = "Dashboard";
    public const string RoutePrefix = "/dashboard";

    /// <summary>
    /// The operators' paths behind these credentials: the dashboard, and the dead-letter queue, whose letters
    /// hold users' events and whose replay writes to the pipeline.
    /// </summary>
    public static readonly PathString[] AdminPaths = [RoutePrefix, "/api/pipeline/dlq"];

    /// <summary>Whether to ask for credentials; defaults to true in cluster mode and false in the embedded default.</summary>
    public bool? RequireAdmin { get; set; }

    public string? Username { get; set; }

    [Redact] public string? Password { get; set; }

    [Redact] public string? Token { get; set; }

    internal bool HasBasic => !string.IsNullOrEmpty(Username) && !string.IsNullOrEmpty(Password);

    internal bool HasToken => !string.IsNullOrEmpty(Token);
}
