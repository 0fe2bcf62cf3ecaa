using System.Data.Common;

namespace Blux.SharedKernel.Stores;

/// <summary>The few plain reads a module's <see cref="IModuleStore"/> makes on its own file.</summary>
public static class StoreSql
{
    /// <summary>The first row's values, or null when there is no row.</summary>
    public static object?[]? FirstRow(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var values = new object?[reader.FieldCount];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        }

        return values;
    }
}
