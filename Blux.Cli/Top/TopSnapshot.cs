using System.Globalization;
using System.Text.Json.Nodes;
using Blux.Cli.Http;
using Blux.Cli.Output;

namespace Blux.Cli.Top;

/// <summary>What <c>bluxq top</c> shows at one moment, read from the API.</summary>
internal sealed record TopSnapshot(
    DateTimeOffset At,
    string Health,
    IReadOnlyDictionary<string, string> Modules,
    string? Version,
    long? DoctrineVersion,
    long? UptimeSeconds,
    long? QueueSize,
    long? ActiveTasks,
    double TasksPerSecond,
    IReadOnlyList<TopTask> Newest,
    long? AuditHeadSeq,
    string? AuditHeadHash,
    string? LastCheckpoint,
    string? Problem)
{
    /// <summary>The window tasks per second are counted over: the tasks created in its last seconds among the newest page.</summary>
    public static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(10);

    public static async Task<TopSnapshot> LoadAsync(BluxClient client, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var problems = new List<string>();

        async Task<JsonNode?> Try(string path)
        {
            try
            {
                return await client.GetJsonAsync(path, cancellationToken);
            }
            catch (ApiException exception)
            {
                problems.Add($"{path}: {exception.Code}");
                return null;
            }
        }

        var health = await client.SendForJsonAsync(() => new HttpRequestMessage(HttpMethod.Get, "/health"), cancellationToken, authenticated: false);
        var status = await Try("/v1/status");
        var tasks = await Try("/v1/tasks?page_size=50");
        var detailed = await Try("/status/detailed");
        var lite = status?["modules"]?["blux-lite"];
        var guard = detailed?["modules"]?["blux-guard"]?["details"];
        var newest = (tasks?["tasks"] as JsonArray ?? []).Select(t => new TopTask(
            Renderer.Text(t?["task_id"]) ?? "?",
            Renderer.Text(t?["type"]) ?? "?",
            Renderer.Text(t?["status"]) ?? "?",
            Renderer.Text(t?["identity"]),
            DateTimeOffset.TryParse(Renderer.Text(t?["created_at"]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created) ? created : null)).ToList();
        var recent = newest.Count(t => t.CreatedAt is { } created && now - created <= RateWindow);
        return new TopSnapshot(
            now,
            Renderer.Text(health.Body?["status"]) ?? "unknown",
            (health.Body?["services"] as JsonObject ?? []).ToDictionary(p => p.Key, p => Renderer.Text(p.Value) ?? "?"),
            Renderer.Text(status?["version"]),
            status?["doctrine_version"]?.GetValue<long>(),
            status?["uptime_s"]?.GetValue<long>(),
            lite?["queue_size"]?.GetValue<long>(),
            lite?["active_tasks"]?.GetValue<long>(),
            recent / RateWindow.TotalSeconds,
            newest,
            guard?["audit_head"]?["seq"]?.GetValue<long>(),
            Renderer.Text(guard?["audit_head"]?["record_hash"]),
            guard?["last_checkpoint"] is JsonObject checkpoint ? $"{Renderer.Text(checkpoint["checkpoint_id"])} at seq {Renderer.Text(checkpoint["seq"])}" : null,
            problems.Count == 0 ? null : string.Join("; ", problems));
    }
}

internal sealed record TopTask(string TaskId, string Type, string Status, string? Identity, DateTimeOffset? CreatedAt);
