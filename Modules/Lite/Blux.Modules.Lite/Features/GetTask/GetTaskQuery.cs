using Blux.SharedKernel.Identity;
using Mediator;

namespace Blux.Modules.Lite.Features.GetTask;

/// <summary>A task as <paramref name="Caller"/> may see it (<see cref="TaskAccess"/>); 404 when it may not.</summary>
internal sealed record GetTaskQuery(Caller Caller, string TaskId) : IRequest<TaskView>;
