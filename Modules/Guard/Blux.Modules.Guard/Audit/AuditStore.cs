using Blux.Modules.Guard.Domain;
using Microsoft.Data.Sqlite;

namespace Blux.Modules.Guard.Audit;

/// <summary>
/// The audit writer's own connection to guard.db with its inserts prepared once: a batch is one
/// transaction of plain parameter binds. Used only by the single writer, so it needs no locking.
/// A failed batch drops the connection; the next one opens a fresh connection.
/// </summary>
internal sealed class AuditStore(string connectionString, int timeoutSeconds) : IDisposable
{
    private SqliteConnection? _connection;
    private SqliteCommand? _insertRecord;
    private SqliteCommand? _insertCheckpoint;
    private long _nextLogRestart;

    public void Write(IReadOnlyList<AuditRecordRow> rows, CheckpointRow? checkpoint)
    {
        try
        {
            EnsureOpen();
            using var transaction = _connection!.BeginTransaction();
            _insertRecord!.Transaction = transaction;
            _insertCheckpoint!.Transaction = transaction;
            foreach (var row in rows)
            {
                Bind(_insertRecord, row);
                _insertRecord.ExecuteNonQuery();
            }

            if (checkpoint is not null)
            {
                var p = _insertCheckpoint.Parameters;
                p["$checkpoint_id"].Value = checkpoint.CheckpointId;
                p["$seq"].Value = checkpoint.Seq;
                p["$head_hash"].Value = checkpoint.HeadHash;
                p["$timestamp"].Value = checkpoint.Timestamp;
                p["$key_id"].Value = checkpoint.KeyId;
                p["$signature"].Value = checkpoint.Signature;
                _insertCheckpoint.ExecuteNonQuery();
            }

            transaction.Commit();
        }
        catch
        {
            Close();
            throw;
        }

        try
        {
            SqliteBusyWait.RestartLogWhenLarge(_connection!, timeoutSeconds, ref _nextLogRestart);
        }
        catch (SqliteException)
        {
            // The batch is durable whatever this says; a later batch starts the log over.
        }
    }

    public void Dispose() => Close();

    private static void Bind(SqliteCommand command, AuditRecordRow row)
    {
        var p = command.Parameters;
        p["$seq"].Value = row.Seq;
        p["$audit_id"].Value = row.AuditId;
        p["$timestamp"].Value = row.Timestamp;
        p["$service"].Value = row.Service;
        p["$operation"].Value = row.Operation;
        p["$identity"].Value = row.Identity;
        p["$input_hash"].Value = (object?)row.InputHash ?? DBNull.Value;
        p["$output_hash"].Value = (object?)row.OutputHash ?? DBNull.Value;
        p["$doctrine_flags_applied"].Value = row.DoctrineFlagsApplied;
        p["$related_events"].Value = row.RelatedEvents;
        p["$status"].Value = row.Status;
        p["$duration_ms"].Value = row.DurationMs;
        p["$data"].Value = row.Data;
        p["$prev_hash"].Value = row.PrevHash;
        p["$record_hash"].Value = row.RecordHash;
        p["$key_id"].Value = row.KeyId;
        p["$signature"].Value = row.Signature;
    }

    private void EnsureOpen()
    {
        if (_connection is not null)
        {
            return;
        }

        _connection = SqliteBusyWait.OpenWriterConnection(connectionString, timeoutSeconds);
        _insertRecord = Prepare(
            "INSERT INTO audit_records (seq, audit_id, timestamp, service, operation, identity, input_hash, output_hash, doctrine_flags_applied, related_events, status, duration_ms, data, prev_hash, record_hash, key_id, signature) " +
            "VALUES ($seq, $audit_id, $timestamp, $service, $operation, $identity, $input_hash, $output_hash, $doctrine_flags_applied, $related_events, $status, $duration_ms, $data, $prev_hash, $record_hash, $key_id, $signature)");
        _insertCheckpoint = Prepare(
            "INSERT INTO audit_checkpoints (checkpoint_id, seq, head_hash, timestamp, key_id, signature) VALUES ($checkpoint_id, $seq, $head_hash, $timestamp, $key_id, $signature)");
    }

    private SqliteCommand Prepare(string sql)
    {
        var command = _connection!.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = timeoutSeconds;
        var start = 0;
        while ((start = sql.IndexOf('$', start)) >= 0)
        {
            var end = start + 1;
            while (end < sql.Length && (char.IsLetterOrDigit(sql[end]) || sql[end] == '_'))
            {
                end++;
            }

            var name = sql[start..end];
            if (!command.Parameters.Contains(name))
            {
                command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
            }

            start = end;
        }

        command.Prepare();
        return command;
    }

    private void Close()
    {
        _insertRecord?.Dispose();
        _insertCheckpoint?.Dispose();
        _connection?.Dispose();
        _insertRecord = null;
        _insertCheckpoint = null;
        _connection = null;
    }
}
