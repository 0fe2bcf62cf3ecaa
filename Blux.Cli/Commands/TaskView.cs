using System.Text.Json.Nodes;
using Blux.Cli.Output;

namespace Blux.Cli.Commands;

/// <summary>How a task is shown, and the exit code its status means.</summary>
internal static class TaskView
{
    public static readonly IReadOnlySet<string> Final = new HashSet<string>(StringComparer.Ordinal)
    {
        "completed", "failed", "cancelled", "timed_out", "rejected",
    };

    public static string? Status(JsonNode? task) => Renderer.Text(task?["status"]);

    /// <summary>0 done or still going, 1 failed/cancelled/timed out, 3 refused by doctrine, 5 held for approval.</summary>
    public static int ExitCode(string? status) => status switch
    {
        "rejected" => ExitCodes.RefusedByDoctrine,
        "awaiting_approval" => ExitCodes.HeldForApproval,
        "failed" or "cancelled" or "timed_out" => ExitCodes.Error,
        _ => ExitCodes.Ok,
    };

    public static void Show(Renderer output, JsonNode? task) => output.Show(task, () => output.Fields(Fields(task)));

    private static List<(string, string?)> Fields(JsonNode? task)
    {
        var fields = new List<(string, string?)> { ("task_id", Renderer.Text(task?["task_id"])) };
        if (task?["type"] is { } type)
        {
            fields.Add(("type", Renderer.Text(type)));
        }

        fields.Add(("status", Status(task)));
        foreach (var name in new[] { "identity", "audit_id", "estimated_completion", "created_at", "started_at", "completed_at", "attempts" })
        {
            if (task?[name] is { } value)
            {
                fields.Add((name, Renderer.Text(value)));
            }
        }

        if (task?["route"]?["selected_route"] is { } route)
        {
            fields.Add(("route", Renderer.Text(route)));
            fields.Add(("doctrine_flags", Renderer.Text(task["route"]!["doctrine_flags"])));
        }

        if (task?["reflection"]?["insight"] is { } insight)
        {
            fields.Add(("reflection", Renderer.Text(insight)));
        }

        if (task?["review"] is JsonObject review)
        {
            fields.Add(("review", $"{Renderer.Text(review["decision"])} by {Renderer.Text(review["by"])}: {Renderer.Text(review["reason"])}"));
        }

        if (task?["error"] is JsonObject error)
        {
            fields.Add(("error", $"{Renderer.Text(error["code"])}: {Renderer.Text(error["message"])}"));
        }

        if (task?["result"] is { } result)
        {
            fields.Add(("result", result.ToJsonString()));
        }

        return fields;
    }

    /// <summary>One line of a task's timeline: what the event says, in a few words.</summary>
    public static string Summary(JsonNode? evt) => Renderer.Text(evt?["event_type"]) switch
    {
        "TaskStart" => $"{Renderer.Text(evt?["task_type"])} in {Renderer.Text(evt?["context"]?["environment"])}, sensitivity {Renderer.Text(evt?["context"]?["sensitivity"])}",
        "ReflectionNote" => Renderer.Text(evt?["insight"]) ?? string.Empty,
        "RouteDecision" => $"route {Renderer.Text(evt?["selected_route"])}: {Renderer.Text(evt?["rationale"])}",
        "ApprovalRequested" => "held for approval: " + Renderer.Text(evt?["reasons"]),
        "TaskCompleted" => $"{Renderer.Text(evt?["status"])} in {Renderer.Text(evt?["duration_ms"])} ms, result {Renderer.Text(evt?["result_hash"])}",
        "TaskFailed" => $"{Renderer.Text(evt?["error_code"])}: {Renderer.Text(evt?["message"])}",
        _ => evt?.ToJsonString() ?? string.Empty,
    };
}
