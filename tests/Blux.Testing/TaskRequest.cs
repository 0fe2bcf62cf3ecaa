using System.Text.Json.Nodes;

namespace Blux.Testing;

/// <summary>
/// The one way tests build the body of <c>POST /v1/tasks</c>: every field has a default, and a test
/// names only what it is about. A request the doctrine wants signed goes through
/// <see cref="RequestSigner.Sign"/> before it is sent.
/// </summary>
public static class TaskRequest
{
    /// <summary>
    /// A request for <paramref name="type"/>; with the defaults the doctrine lets it through without
    /// signature, reflection or sandbox (development, low sensitivity, basic audit).
    /// </summary>
    public static JsonObject Create(
        string type,
        JsonObject? payload = null,
        string environment = "development",
        string sensitivity = "low",
        string auditLevel = "basic",
        string? taskId = null,
        bool requireReflection = false,
        bool sandbox = false) => new()
    {
        ["task_id"] = taskId ?? "task_" + Guid.NewGuid().ToString("N"),
        ["type"] = type,
        ["context"] = new JsonObject { ["user_id"] = "user_alice", ["environment"] = environment, ["sensitivity"] = sensitivity },
        ["doctrine_requirements"] = new JsonObject { ["require_reflection"] = requireReflection, ["sandbox_execution"] = sandbox, ["audit_level"] = auditLevel },
        ["payload"] = payload ?? new JsonObject { ["n"] = 1 },
    };

    /// <summary>
    /// The request of the integration guide with the given type: reflection, a sandbox and a detailed
    /// audit, so it runs the whole flow. In production at high sensitivity (the defaults) it must be signed.
    /// </summary>
    public static JsonObject Guide(string type, string? taskId = null, string environment = "production", string sensitivity = "high") =>
        Create(
            type,
            new JsonObject { ["operation"] = "analyze", ["data_references"] = new JsonArray("ref://data/set1") },
            environment,
            sensitivity,
            auditLevel: "detailed",
            taskId,
            requireReflection: true,
            sandbox: true);

    /// <summary><see cref="Guide"/> in development at medium sensitivity: the whole flow, no signature needed.</summary>
    public static JsonObject WholeFlow(string type, string? taskId = null) => Guide(type, taskId, "development", "medium");
}
