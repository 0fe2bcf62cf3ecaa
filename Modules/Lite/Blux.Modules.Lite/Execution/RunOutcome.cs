using System.Text.Json.Nodes;

namespace Blux.Modules.Lite.Execution;

/// <summary>How one run of a route ended, before it is recorded.</summary>
/// <param name="Status">completed, failed, timed_out, cancelled, or queued for another try.</param>
/// <param name="Result">The route's result when it completed.</param>
/// <param name="NotBefore">When a run queued again may start.</param>
internal sealed record RunOutcome(
    string Status,
    JsonNode? Result,
    string? ErrorCode,
    string? ErrorMessage,
    long DurationMs,
    DateTimeOffset? NotBefore = null);
