using Blux.Modules.Lite.Domain;

namespace Blux.UnitTests.Lite;

internal static class TaskRecords
{
    public static TaskRecord New(string status, string taskId = "task_1") => new()
    {
        TaskId = taskId,
        Type = "echo",
        Status = status,
        Identity = "alice",
        IdentityAudit = "user:alice",
        BodyHash = "sha256-x",
        ContextJson = "{}",
        PayloadJson = "{}",
        RequirementsJson = "{\"require_reflection\":false,\"sandbox_execution\":false,\"audit_level\":\"basic\"}",
        DecisionJson = "{}",
        Route = "echo",
        RouteJson = "{}",
        MaxExecutionMs = 30_000,
        CreateAuditId = "aud_1",
        EventIdsJson = "[]",
        AuditTrailJson = "[\"aud_1\"]",
        CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
    };
}
