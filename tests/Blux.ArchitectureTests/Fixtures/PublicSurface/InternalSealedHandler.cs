using Blux.Modules.Lite.Contracts;
using Mediator;

namespace Blux.ArchitectureTests.Fixtures.PublicSurface;

/// <summary>Keeps rule 5: the shape every handler should have.</summary>
internal sealed class InternalSealedHandler : IRequestHandler<GetTaskSummary, TaskSummary?>
{
    public ValueTask<TaskSummary?> Handle(GetTaskSummary request, CancellationToken cancellationToken) =>
        ValueTask.FromResult<TaskSummary?>(null);
}
