using System.Data.Common;

namespace Silo.Persistence;

public static class DbCommandExtensions
{
    /// <summary>
    /// Adds a parameter named with its prefix (<c>@name</c>): Microsoft.Data.Sqlite otherwise retries every lookup
    /// with each prefix in turn. Returns it, so a prepared statement can be run again with new values.
    /// </summary>
    public static DbParameter AddParameter(this DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
