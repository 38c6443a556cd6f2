namespace Silo.Persistence;

public enum SqlDialect
{
    PostgreSql,
    Sqlite,
}
