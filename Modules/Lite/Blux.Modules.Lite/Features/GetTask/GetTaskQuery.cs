using Mediator;

namespace Blux.Modules.Lite.Features.GetTask;

internal sealed record GetTaskQuery(string TaskId) : IRequest<TaskView>;
