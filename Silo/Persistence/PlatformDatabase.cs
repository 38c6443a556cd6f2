using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Silo.Persistence;

/// <summary>
/// Where the platform keeps its state: PostgreSQL when a connection is configured (cluster mode),
/// otherwise a SQLite file in the data folder (the embedded default).
/// </summary>
public sealed record PlatformDatabase(SqlDialect Dialect, string ConnectionString)
{
    public const string ConnectionStringName = "Orleans";

    /// <summary>Only PostgreSQL can hold cluster membership and reminders; SQLite is grain storage only.</summary>
    public bool IsClustered => Dialect == SqlDialect.PostgreSql;

    /// <summary>The ADO.NET invariant name Orleans' providers expect.</summary>
    public string Invariant => Dialect == SqlDialect.PostgreSql ? "Npgsql" : "System.Data.SQLite";

    /// <summary>Where the data is, for people: the SQLite file, or PostgreSQL's host and database (never the password).</summary>
    public string Location => Dialect == SqlDialect.PostgreSql
        ? new NpgsqlConnectionStringBuilder(ConnectionString) is var pg ? $"PostgreSQL {pg.Host}:{pg.Port}/{pg.Database}" : ""
        : $"SQLite {new SqliteConnectionStringBuilder(ConnectionString).DataSource}";

    public DbConnection CreateConnection() => Dialect == SqlDialect.PostgreSql
        ? new NpgsqlConnection(ConnectionString)
        : new SqliteConnection(ConnectionString);

    public async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = CreateConnection();
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Reads <c>ConnectionStrings:Orleans</c>, then the seed's <c>DATABASE_URL</c>
    /// (<c>postgres://user:pass@host:port/db</c> or <c>sqlite:///path</c>), then falls back to
    /// <c>{Storage:DataDirectory}/platform.db</c>, the data folder defaulting to <c>data</c> under the content root.
    /// </summary>
    public static PlatformDatabase From(IConfiguration configuration, string contentRoot)
    {
        if (configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } postgres)
            return new(SqlDialect.PostgreSql, postgres);

        if (configuration["DATABASE_URL"] is { Length: > 0 } url)
            return FromUrl(url, contentRoot);

        return Sqlite(Path.Combine(DataDirectoryFrom(configuration, contentRoot), "platform.db"));
    }

    /// <summary><c>Storage:DataDirectory</c>, by default <c>data</c> under the content root: where the embedded default keeps its files.</summary>
    public static string DataDirectoryFrom(IConfiguration configuration, string contentRoot) =>
        Path.GetFullPath(configuration["Storage:DataDirectory"] ?? "data", contentRoot);

    private static PlatformDatabase FromUrl(string url, string contentRoot)
    {
        const string sqlitePrefix = "sqlite:///";
        if (url.StartsWith(sqlitePrefix, StringComparison.OrdinalIgnoreCase))
            return Sqlite(Path.GetFullPath(url[sqlitePrefix.Length..], contentRoot));

        var uri = new Uri(url);
        if (uri.Scheme is not ("postgres" or "postgresql"))
        {
            throw new InvalidOperationException(
                $"DATABASE_URL must start with postgres://, postgresql:// or sqlite:///, not '{uri.Scheme}://'.");
        }

        var userInfo = uri.UserInfo.Split(':', 2);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
            Username = Uri.UnescapeDataString(userInfo[0]),
        };
        if (userInfo.Length == 2) builder.Password = Uri.UnescapeDataString(userInfo[1]);
        return new(SqlDialect.PostgreSql, builder.ConnectionString);
    }

    private static PlatformDatabase Sqlite(string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var builder = new SqliteConnectionStringBuilder { DataSource = file, Pooling = true, DefaultTimeout = 30 };
        return new(SqlDialect.Sqlite, builder.ConnectionString);
    }
}
