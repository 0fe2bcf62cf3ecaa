using Blux.SharedKernel.Identity;
using Mediator;

namespace Blux.Modules.Lite.Features.CancelTask;

internal sealed record CancelTaskCommand(Caller Caller, string TaskId, string? Reason) : IRequest<CancelTaskResult>;

/// <summary>The task after the cancel; <see cref="Requested"/> when it was running and was asked to stop.</summary>
internal sealed record CancelTaskResult(string TaskId, string Status, bool Requested);
