using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Silo.Persistence;

namespace Silo.Operations;

/// <summary>
/// Settles the operator credentials once, at start: configured ones win; otherwise the embedded default keeps a
/// generated token in <c>{Storage:DataDirectory}/operator-token</c> (mode 0600, kept across restarts) and says
/// where, as Jupyter and Elasticsearch do, so nothing operator-only is ever open without a credential.
/// </summary>
public sealed partial class OperatorCredentials
{
    public const string TokenFileName = "operator-token";

    public OperatorCredentials(IOptions<OperatorOptions> options, PlatformDatabase database, IConfiguration configuration,
        IHostEnvironment environment, ILogger<OperatorCredentials> logger)
    {
        var configured = options.Value;
        Username = configured.HasBasic ? configured.Username : null;
        Password = configured.HasBasic ? configured.Password : null;
        Token = configured.HasToken ? configured.Token : null;
        if (configured.HasBasic || configured.HasToken) return;

        if (database.IsClustered)
        {
            LogClosed(logger);
            return;
        }
        var file = Path.Combine(PlatformDatabase.DataDirectoryFrom(configuration, environment.ContentRootPath), TokenFileName);
        Token = ReadOrCreate(file);
        LogGenerated(logger, file);
    }

    public string? Username { get; }

    public string? Password { get; }

    public string? Token { get; }

    public bool IsOpen => Token is not null || Username is not null;

    private static string ReadOrCreate(string file)
    {
        if (File.Exists(file) && File.ReadAllText(file).Trim() is { Length: > 0 } kept)
            return kept;
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var create = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        // Readable by the owner only, from the moment it exists.
        if (!OperatingSystem.IsWindows()) create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(file, create))
        using (var writer = new StreamWriter(stream))
            writer.Write(token);
        return token;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Operator endpoints (/dashboard, /api/pipeline/dlq, ...) take 'Authorization: Bearer <token>' with the token in {TokenFile}")]
    private static partial void LogGenerated(ILogger logger, string tokenFile);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "No operator credentials configured (Operator:Token, or Operator:Username and Operator:Password): the operator endpoints stay closed")]
    private static partial void LogClosed(ILogger logger);
}
