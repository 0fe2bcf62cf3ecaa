using System.Data.Common;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace Blux.SharedKernel.Stores;

/// <summary>
/// A store whose mark is the newest row of each table it keeps for good: a store still holding them
/// lost nothing since the last clean stop; one without them lost rows, or is an older copy.
/// </summary>
public abstract class NewestRowsStore(IConfiguration configuration, string module, string ownTable, params KeptRow[] keptRows)
    : ModuleStore(configuration, module, ownTable)
{
    public sealed override JsonObject? CaptureMark(DbConnection connection)
    {
        var mark = new JsonObject();
        foreach (var kept in keptRows)
        {
            var where = kept.Filter is null ? "" : $" WHERE {kept.Filter}";
            if (StoreSql.FirstRow(connection, $"SELECT {kept.IdColumn} FROM {kept.Table}{where} ORDER BY rowid DESC LIMIT 1") is { } row)
            {
                mark[kept.MarkKey] = (string)row[0]!;
            }
        }

        return mark.Count == 0 ? null : mark;
    }

    public sealed override string? FindMissing(DbConnection connection, JsonObject mark)
    {
        foreach (var kept in keptRows)
        {
            if (mark[kept.MarkKey]?.GetValue<string>() is { } id
                && StoreSql.FirstRow(connection, $"SELECT 1 FROM {kept.Table} WHERE {kept.IdColumn} = $id", ("$id", id)) is null)
            {
                return $"{kept.Noun} {id}, the newest at the last clean stop, is not in it: {kept.Loss}";
            }
        }

        return null;
    }
}
