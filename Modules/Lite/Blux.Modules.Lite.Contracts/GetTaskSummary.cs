using Mediator;

namespace Blux.Modules.Lite.Contracts;

/// <summary>What other modules may know of a task: its type, status and owner; null when unknown.</summary>
public sealed record GetTaskSummary(string TaskId) : IRequest<TaskSummary?>;

public sealed record TaskSummary(string TaskId, string Type, string Status, string Identity, DateTimeOffset CreatedAt);
