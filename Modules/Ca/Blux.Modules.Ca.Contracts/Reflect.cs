using System.Text.Json.Nodes;
using Blux.SharedKernel.Events;
using Mediator;

namespace Blux.Modules.Ca.Contracts;

/// <summary>
/// Analyze(context, history): a deterministic, explainable reflection on a task request (docs/contract.md#reflection).
/// A dry run (<c>POST /v1/reflect</c>) answers the note without keeping it.
/// </summary>
public sealed record Reflect(
    string TaskId,
    string TaskType,
    TaskContext Context,
    JsonObject? Payload,
    string Identity,
    string Depth,
    bool DryRun = false) : IRequest<Reflection>
{
    public const string Medium = "medium";
    public const string Deep = "deep";
}
