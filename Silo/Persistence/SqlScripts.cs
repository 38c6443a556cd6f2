using System.Data;
using System.Data.Common;

namespace Silo.Persistence;

/// <summary>Applies the idempotent scripts embedded from Sql/{dialect}/*.sql, in file-name order.</summary>
public static class SqlScripts
{
    public static async Task ApplyAsync(DbConnection connection, SqlDialect dialect, CancellationToken ct)
    {
        var assembly = typeof(SqlScripts).Assembly;
        // Resource names follow the root namespace and folder path, e.g. "Silo.Sql.PostgreSQL.01-Main.sql".
        var prefix = $"Silo.Sql.{(dialect == SqlDialect.PostgreSql ? "PostgreSQL" : "Sqlite")}.";
        var names = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        // A missing embed would otherwise surface later as an obscure "query not found" from Orleans.
        if (names.Count == 0)
            throw new InvalidOperationException($"No embedded SQL scripts found under '{prefix}'.");

        var opened = connection.State != ConnectionState.Open;
        if (opened)
            await connection.OpenAsync(ct);
        try
        {
            foreach (var name in names)
            {
                await using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                await using var command = connection.CreateCommand();
                command.CommandText = await reader.ReadToEndAsync(ct);
                await command.ExecuteNonQueryAsync(ct);
            }
        }
        finally
        {
            if (opened)
                await connection.CloseAsync();
        }
    }
}
