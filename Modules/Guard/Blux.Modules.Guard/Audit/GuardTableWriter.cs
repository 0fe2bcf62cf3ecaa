using Blux.SharedKernel.Stores;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Blux.Modules.Guard.Audit;

/// <summary>
/// A group-commit writer's own connection to guard.db with its inserts prepared once: a batch is one
/// transaction of plain parameter binds. Each insert's table, columns and values come from Guard's EF
/// model of the row type (the mapping that reads it back, through <see cref="StoreColumn"/>), so this
/// fast path cannot miss a column.
/// Used only by its one writer, so it needs no locking. A failed batch drops the connection; the next
/// one opens a fresh connection.
/// </summary>
internal sealed class GuardTableWriter(string connectionString, int timeoutSeconds, IModel model, params Type[] rowTypes)
{
    private readonly RowInsert[] _inserts = rowTypes.Select(type => RowInsert.From(model, type)).ToArray();
    private SqliteConnection? _connection;
    private SqliteCommand[] _commands = [];
    private long _nextLogRestart;

    /// <summary>
    /// Inserts every row, in order, each into its type's table, in one transaction; answers one result
    /// per item of <paramref name="batch"/> (every item is written once this returns).
    /// </summary>
    public ValueTask<IReadOnlyList<bool>> Write<TItem>(IEnumerable<object> rows, IReadOnlyList<TItem> batch)
    {
        try
        {
            EnsureOpen();
            using var transaction = _connection!.BeginTransaction();
            foreach (var command in _commands)
            {
                command.Transaction = transaction;
            }

            foreach (var row in rows)
            {
                var index = Array.FindIndex(_inserts, i => i.RowType == row.GetType());
                _inserts[index].Execute(_commands[index], row);
            }

            transaction.Commit();
        }
        catch
        {
            Close();
            throw;
        }

        return new(batch.Select(_ => true).ToList());
    }

    /// <summary>After a batch was answered; see <see cref="SqliteBusyWait.RestartLogWhenLarge"/>.</summary>
    public ValueTask AfterBatchAsync()
    {
        try
        {
            if (_connection is not null)
            {
                SqliteBusyWait.RestartLogWhenLarge(_connection, timeoutSeconds, ref _nextLogRestart);
            }
        }
        catch (SqliteException)
        {
            // The batch is durable whatever this says; a later batch starts the log over.
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask CloseAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }

    private void EnsureOpen()
    {
        if (_connection is not null)
        {
            return;
        }

        _connection = SqliteBusyWait.OpenWriterConnection(connectionString, timeoutSeconds);
        _commands = _inserts.Select(i => i.Prepare(_connection, timeoutSeconds)).ToArray();
    }

    private void Close()
    {
        foreach (var command in _commands)
        {
            command.Dispose();
        }

        _connection?.Dispose();
        _commands = [];
        _connection = null;
    }

    /// <summary>One table's INSERT: every mapped column but one the store generates, bound from the row.</summary>
    private sealed class RowInsert(Type rowType, string table, IReadOnlyList<StoreColumn> columns)
    {
        public Type RowType => rowType;

        public static RowInsert From(IModel model, Type rowType)
        {
            var entity = model.FindEntityType(rowType) ?? throw new InvalidOperationException($"{rowType.Name} is not mapped in Guard's model.");
            return new RowInsert(rowType, entity.GetTableName()!, StoreColumn.Of(entity).Where(c => c.Property.ValueGenerated != ValueGenerated.OnAdd).ToList());
        }

        public SqliteCommand Prepare(SqliteConnection connection, int timeoutSeconds)
        {
            var command = connection.CreateCommand();
            command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ({string.Join(", ", columns.Select(c => "$" + c.Name))})";
            command.CommandTimeout = timeoutSeconds;
            foreach (var column in columns)
            {
                command.Parameters.Add(new SqliteParameter("$" + column.Name, DBNull.Value));
            }

            command.Prepare();
            return command;
        }

        public void Execute(SqliteCommand command, object row)
        {
            var parameters = command.Parameters;
            for (var i = 0; i < columns.Count; i++)
            {
                parameters[i].Value = columns[i].ValueOf(row) ?? DBNull.Value;
            }

            command.ExecuteNonQuery();
        }
    }
}
