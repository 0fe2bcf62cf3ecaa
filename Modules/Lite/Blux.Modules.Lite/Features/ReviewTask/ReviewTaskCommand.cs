using Blux.Modules.Lite.Domain;
using Blux.SharedKernel.Identity;
using Mediator;

namespace Blux.Modules.Lite.Features.ReviewTask;

/// <summary>A person's decision on a held task: <c>approve</c> or <c>reject</c>.</summary>
internal sealed record ReviewTaskCommand(Caller Caller, string TaskId, TaskAction Action, string? Reason) : IRequest<string>;
