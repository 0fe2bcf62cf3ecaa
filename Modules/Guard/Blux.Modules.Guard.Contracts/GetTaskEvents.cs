using System.Text.Json.Nodes;
using Mediator;

namespace Blux.Modules.Guard.Contracts;

/// <summary>A task's events from the event log, in the order they were appended.</summary>
public sealed record GetTaskEvents(string TaskId) : IRequest<IReadOnlyList<JsonObject>>;
