using Blux.Modules.Guard.Contracts;
using Blux.Modules.Guard.Doctrine;
using Mediator;

namespace Blux.Modules.Guard.Features.Policies;

internal sealed class GetDoctrineSummaryHandler(ActiveDoctrine doctrine) : IRequestHandler<GetDoctrineSummary, DoctrineSummary>
{
    public ValueTask<DoctrineSummary> Handle(GetDoctrineSummary request, CancellationToken cancellationToken)
    {
        var current = doctrine.Current;
        return ValueTask.FromResult(new DoctrineSummary(current.Document.DoctrineVersion, current.Digest, current.Document.KeyRotationDays, current.Document.Flags.RequireIndependentApproval));
    }
}
