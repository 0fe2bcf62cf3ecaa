using System.Text.Json.Nodes;
using Blux.Modules.Guard.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Blux.Modules.Guard.Features.PolicyHistory;

internal sealed class PolicyHistoryHandler(GuardDbContext db) : IRequestHandler<PolicyHistoryRequest, PolicyHistory>
{
    public async ValueTask<PolicyHistory> Handle(PolicyHistoryRequest request, CancellationToken cancellationToken)
    {
        var revisions = await db.Doctrines.AsNoTracking().OrderByDescending(d => d.DoctrineVersion).ToListAsync(cancellationToken);
        return new PolicyHistory(revisions
            .Select(r => new PolicyRevision(r.DoctrineVersion, r.Digest, r.AppliedAt, r.AppliedBy, request.WithDocuments ? JsonNode.Parse(r.Json) : null))
            .ToArray());
    }
}
