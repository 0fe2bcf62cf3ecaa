using Blux.Modules.Lite.Domain;
using Blux.SharedKernel.Stores;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Blux.Modules.Lite.Data;

/// <summary>
/// The tasks table as <see cref="TaskStore"/>'s fast path writes and reads it, without EF Core's change
/// tracking. Its columns are those of the EF model of the table (<c>TaskRecordConfiguration</c>, used for
/// queries and migrations), and so are their names and stored forms: the three statements, their
/// parameters and the reader all come from that one mapping. Whether a column may change after the
/// insert is what <see cref="TaskRecord"/> says of its property (<c>init</c> or <c>set</c>).
/// </summary>
internal static class TaskColumns
{
    internal enum Use
    {
        /// <summary>The primary key: bound by every statement, never changed.</summary>
        Key,

        /// <summary>The optimistic version: the insert writes it, the update and delete match it.</summary>
        Version,

        /// <summary>Written once by the insert.</summary>
        Fixed,

        /// <summary>Written by the insert and by every update.</summary>
        Mutable,
    }

    internal sealed record Column(StoreColumn Mapped, Use Use)
    {
        public string Name => Mapped.Name;
    }

    private static readonly IEntityType Table = TasksTable();

    private static readonly string TableName = Table.GetTableName()!;

    public static readonly Column[] All = [.. StoreColumn.Of(Table).Select(c => new Column(c, UseOf(c)))];

    /// <summary><c>SELECT</c> of every column, in the order of <see cref="All"/> (what <see cref="Read"/> expects).</summary>
    public static readonly string SelectSql = $"SELECT {string.Join(", ", All.Select(c => c.Name))} FROM {TableName}";

    public static readonly Statement Insert = Statement.Of(
        All,
        columns => $"INSERT INTO {TableName} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ({string.Join(", ", columns.Select(c => "@" + c.Name))}) ON CONFLICT({Key.Name}) DO NOTHING");

    public static readonly Statement Update = Statement.Of(
        [.. All.Where(c => c.Use == Use.Mutable), .. All.Where(c => c.Use is Use.Key or Use.Version)],
        columns => $"UPDATE {TableName} SET {string.Join(", ", columns.Where(c => c.Use == Use.Mutable).Select(c => $"{c.Name} = @{c.Name}"))}, {Version.Name} = {Version.Name} + 1 WHERE {Matches}");

    public static readonly Statement Delete = Statement.Of(
        [.. All.Where(c => c.Use is Use.Key or Use.Version)],
        _ => $"DELETE FROM {TableName} WHERE {Matches}");

    private static Column Key => All.Single(c => c.Use == Use.Key);

    private static Column Version => All.Single(c => c.Use == Use.Version);

    private static string Matches => $"{Key.Name} = @{Key.Name} AND {Version.Name} = @{Version.Name}";

    /// <summary>The column of <paramref name="property"/>, for a condition on it.</summary>
    public static Column Of(string property) => All.Single(c => c.Mapped.Property.Name == property);

    /// <summary>A row of <see cref="SelectSql"/>.</summary>
    public static TaskRecord Read(SqliteDataReader reader)
    {
        // The columns set every required member below, as EF Core does when it materializes a row.
        var task = Activator.CreateInstance<TaskRecord>();
        for (var i = 0; i < All.Length; i++)
        {
            All[i].Mapped.Read(reader, i, task);
        }

        return task;
    }

    /// <summary>The tasks table in Lite's model: the same whatever the file, so built once, by a context that never opens one.</summary>
    private static IEntityType TasksTable()
    {
        var options = new DbContextOptionsBuilder<LiteDbContext>();
        ModuleStoreEngine.Use(options, "Data Source=:memory:");
        using var db = new LiteDbContext(options.Options);
        return db.Model.FindEntityType(typeof(TaskRecord)) ?? throw new InvalidOperationException("TaskRecord is not mapped in Lite's model.");
    }

    private static Use UseOf(StoreColumn column) =>
        column.Property.IsPrimaryKey() ? Use.Key
        : column.Property.IsConcurrencyToken ? Use.Version
        : column.IsInitOnly ? Use.Fixed
        : Use.Mutable;

    /// <summary>A statement and the columns its parameters stand for, in order.</summary>
    internal sealed record Statement(string Sql, Column[] Parameters)
    {
        public static Statement Of(Column[] parameters, Func<Column[], string> sql) => new(sql(parameters), parameters);

        public SqliteCommand Prepare(SqliteConnection connection)
        {
            var command = connection.CreateCommand();
            command.CommandText = Sql;
            foreach (var column in Parameters)
            {
                command.Parameters.Add(new SqliteParameter("@" + column.Name, null));
            }

            return command;
        }

        /// <summary>Binds the row's values; the version is the one the write expects (or inserts).</summary>
        public void Bind(SqliteCommand command, TaskRecord task, long version)
        {
            var parameters = command.Parameters;
            for (var i = 0; i < Parameters.Length; i++)
            {
                var column = Parameters[i];
                parameters[i].Value = (column.Use == Use.Version ? version : column.Mapped.ValueOf(task)) ?? DBNull.Value;
            }
        }
    }
}
