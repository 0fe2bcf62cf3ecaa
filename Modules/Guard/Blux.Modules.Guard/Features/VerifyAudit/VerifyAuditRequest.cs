using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Blux.Modules.Guard.Features.VerifyAudit;

/// <summary>Verify the chain from <paramref name="FromSeq"/> (1 when left out) to <paramref name="ToSeq"/> (the head when left out).</summary>
internal sealed record VerifyAuditRequest(
    [FromQuery(Name = "from_seq")] string? FromSeq,
    [FromQuery(Name = "to_seq")] string? ToSeq) : IRequest<AuditVerification>;
