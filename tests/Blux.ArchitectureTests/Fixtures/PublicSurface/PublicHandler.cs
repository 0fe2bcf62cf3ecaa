using Blux.Modules.Lite.Contracts;
using Mediator;

namespace Blux.ArchitectureTests.Fixtures.PublicSurface;

/// <summary>Breaks rule 5: a handler that is public and not sealed.</summary>
public class PublicHandler : IRequestHandler<GetTaskSummary, TaskSummary?>
{
    public ValueTask<TaskSummary?> Handle(GetTaskSummary request, CancellationToken cancellationToken) =>
        ValueTask.FromResult<TaskSummary?>(null);
}
