using Npgsql;

namespace Platform.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server that tests/run.sh starts and names in <c>PLATFORM_TEST_POSTGRES</c>. Each caller
/// gets a database of its own, so tests never see each other's rows. Without the server the tests fail:
/// they never pass by skipping.
/// </summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "PLATFORM_TEST_POSTGRES";

    public static string AdminConnectionString => Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException(
            $"These tests need PostgreSQL: set {EnvironmentVariable} to an admin connection string, or run tests/run.sh, which starts one.");

    public static async Task<string> CreateDatabaseAsync()
    {
        var name = $"test_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }
}
