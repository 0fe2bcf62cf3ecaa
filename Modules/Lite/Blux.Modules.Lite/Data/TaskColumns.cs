using System.Collections.Frozen;
using Blux.Modules.Lite.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Blux.Modules.Lite.Data;

/// <summary>
/// The tasks table as <see cref="TaskStore"/>'s fast path writes and reads it, without EF Core's change
/// tracking: one list of columns, each with the <see cref="TaskRecord"/> property it holds and whether it
/// may change after the insert. The three statements, their parameters and the reader all come from this
/// list, and a test holds it to the EF model of the same table (<c>TaskRecordConfiguration</c>, used for
/// queries and migrations): a column added to one and not to the other fails the tests.
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

    internal sealed record Column(string Name, string Property, Use Use, Func<TaskRecord, object?> Value);

    /// <summary>Times are stored as EF Core stores a <see cref="DateTimeOffset"/> here: its binary form.</summary>
    public static readonly ValueConverter<DateTimeOffset, long> Time = new DateTimeOffsetToBinaryConverter();

    public static readonly Column[] All =
    [
        new("task_id", nameof(TaskRecord.TaskId), Use.Key, t => t.TaskId),
        new("type", nameof(TaskRecord.Type), Use.Fixed, t => t.Type),
        new("status", nameof(TaskRecord.Status), Use.Mutable, t => t.Status),
        new("identity", nameof(TaskRecord.Identity), Use.Fixed, t => t.Identity),
        new("identity_audit", nameof(TaskRecord.IdentityAudit), Use.Fixed, t => t.IdentityAudit),
        new("body_hash", nameof(TaskRecord.BodyHash), Use.Fixed, t => t.BodyHash),
        new("context_json", nameof(TaskRecord.ContextJson), Use.Fixed, t => t.ContextJson),
        new("payload_json", nameof(TaskRecord.PayloadJson), Use.Fixed, t => t.PayloadJson),
        new("requirements_json", nameof(TaskRecord.RequirementsJson), Use.Fixed, t => t.RequirementsJson),
        new("decision_json", nameof(TaskRecord.DecisionJson), Use.Fixed, t => t.DecisionJson),
        new("route", nameof(TaskRecord.Route), Use.Fixed, t => t.Route),
        new("route_json", nameof(TaskRecord.RouteJson), Use.Fixed, t => t.RouteJson),
        new("reflection_json", nameof(TaskRecord.ReflectionJson), Use.Fixed, t => t.ReflectionJson),
        new("result_json", nameof(TaskRecord.ResultJson), Use.Mutable, t => t.ResultJson),
        new("error_code", nameof(TaskRecord.ErrorCode), Use.Mutable, t => t.ErrorCode),
        new("error_message", nameof(TaskRecord.ErrorMessage), Use.Mutable, t => t.ErrorMessage),
        new("attempts", nameof(TaskRecord.Attempts), Use.Mutable, t => t.Attempts),
        new("max_execution_ms", nameof(TaskRecord.MaxExecutionMs), Use.Fixed, t => t.MaxExecutionMs),
        new("create_audit_id", nameof(TaskRecord.CreateAuditId), Use.Fixed, t => t.CreateAuditId),
        new("event_ids_json", nameof(TaskRecord.EventIdsJson), Use.Fixed, t => t.EventIdsJson),
        new("audit_trail_json", nameof(TaskRecord.AuditTrailJson), Use.Mutable, t => t.AuditTrailJson),
        new("created_at", nameof(TaskRecord.CreatedAt), Use.Fixed, t => ToDb(t.CreatedAt)),
        new("started_at", nameof(TaskRecord.StartedAt), Use.Mutable, t => ToDb(t.StartedAt)),
        new("completed_at", nameof(TaskRecord.CompletedAt), Use.Mutable, t => ToDb(t.CompletedAt)),
        new("version", nameof(TaskRecord.Version), Use.Version, t => t.Version),
        new("pending_json", nameof(TaskRecord.PendingJson), Use.Mutable, t => t.PendingJson),
        new("not_before", nameof(TaskRecord.NotBefore), Use.Mutable, t => ToDb(t.NotBefore)),
        new("duration_ms", nameof(TaskRecord.DurationMs), Use.Mutable, t => t.DurationMs),
        new("cancel_requested_by", nameof(TaskRecord.CancelRequestedBy), Use.Mutable, t => t.CancelRequestedBy),
        new("cancel_requested_at", nameof(TaskRecord.CancelRequestedAt), Use.Mutable, t => ToDb(t.CancelRequestedAt)),
        new("reviewed_by", nameof(TaskRecord.ReviewedBy), Use.Mutable, t => t.ReviewedBy),
        new("reviewed_at", nameof(TaskRecord.ReviewedAt), Use.Mutable, t => ToDb(t.ReviewedAt)),
        new("review_decision", nameof(TaskRecord.ReviewDecision), Use.Mutable, t => t.ReviewDecision),
        new("review_reason", nameof(TaskRecord.ReviewReason), Use.Mutable, t => t.ReviewReason),
    ];

    /// <summary><c>SELECT</c> of every column, in the order of <see cref="All"/> (what <see cref="Read"/> expects).</summary>
    public static readonly string SelectSql = $"SELECT {string.Join(", ", All.Select(c => c.Name))} FROM tasks";

    public static readonly Statement Insert = Statement.Of(
        All,
        columns => $"INSERT INTO tasks ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ({string.Join(", ", columns.Select(c => "@" + c.Name))}) ON CONFLICT(task_id) DO NOTHING");

    public static readonly Statement Update = Statement.Of(
        [.. All.Where(c => c.Use == Use.Mutable), .. All.Where(c => c.Use is Use.Key or Use.Version)],
        columns => $"UPDATE tasks SET {string.Join(", ", columns.Where(c => c.Use == Use.Mutable).Select(c => $"{c.Name} = @{c.Name}"))}, version = version + 1 WHERE task_id = @task_id AND version = @version");

    public static readonly Statement Delete = Statement.Of(
        [.. All.Where(c => c.Use is Use.Key or Use.Version)],
        _ => "DELETE FROM tasks WHERE task_id = @task_id AND version = @version");

    private static readonly FrozenDictionary<string, int> Ordinals = All.Select((c, i) => (c.Name, i)).ToFrozenDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);

    public static object? ToDb(DateTimeOffset? value) => value is null ? null : Time.ConvertToProvider(value.Value);

    /// <summary>A row of <see cref="SelectSql"/>.</summary>
    public static TaskRecord Read(SqliteDataReader r) => new()
    {
        TaskId = r.GetString(At("task_id")),
        Type = r.GetString(At("type")),
        Status = r.GetString(At("status")),
        Identity = r.GetString(At("identity")),
        IdentityAudit = r.GetString(At("identity_audit")),
        BodyHash = r.GetString(At("body_hash")),
        ContextJson = r.GetString(At("context_json")),
        PayloadJson = r.GetString(At("payload_json")),
        RequirementsJson = r.GetString(At("requirements_json")),
        DecisionJson = r.GetString(At("decision_json")),
        Route = r.GetString(At("route")),
        RouteJson = r.GetString(At("route_json")),
        ReflectionJson = Text(r, "reflection_json"),
        ResultJson = Text(r, "result_json"),
        ErrorCode = Text(r, "error_code"),
        ErrorMessage = Text(r, "error_message"),
        Attempts = r.GetInt32(At("attempts")),
        MaxExecutionMs = r.GetInt64(At("max_execution_ms")),
        CreateAuditId = r.GetString(At("create_audit_id")),
        EventIdsJson = r.GetString(At("event_ids_json")),
        AuditTrailJson = r.GetString(At("audit_trail_json")),
        CreatedAt = Moment(r, "created_at")!.Value,
        StartedAt = Moment(r, "started_at"),
        CompletedAt = Moment(r, "completed_at"),
        Version = r.GetInt64(At("version")),
        PendingJson = Text(r, "pending_json"),
        NotBefore = Moment(r, "not_before"),
        DurationMs = r.IsDBNull(At("duration_ms")) ? null : r.GetInt64(At("duration_ms")),
        CancelRequestedBy = Text(r, "cancel_requested_by"),
        CancelRequestedAt = Moment(r, "cancel_requested_at"),
        ReviewedBy = Text(r, "reviewed_by"),
        ReviewedAt = Moment(r, "reviewed_at"),
        ReviewDecision = Text(r, "review_decision"),
        ReviewReason = Text(r, "review_reason"),
    };

    private static int At(string column) => Ordinals[column];

    private static string? Text(SqliteDataReader r, string column) => r.IsDBNull(At(column)) ? null : r.GetString(At(column));

    private static DateTimeOffset? Moment(SqliteDataReader r, string column) =>
        r.IsDBNull(At(column)) ? null : (DateTimeOffset)Time.ConvertFromProvider(r.GetInt64(At(column)))!;

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
                parameters[i].Value = (column.Use == Use.Version ? version : column.Value(task)) ?? DBNull.Value;
            }
        }
    }
}
