using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Blux.Modules.Guard.Features.StreamAudit;

/// <summary>
/// The live tail of the audit chain, resumed after <paramref name="LastEventId"/> (or <paramref name="FromSeq"/>
/// when that header is not sent). A resume point that is not a seq is ignored: the tail starts live, as
/// an EventSource that lost its place would want.
/// </summary>
internal sealed record StreamAuditRequest(
    [FromHeader(Name = "Last-Event-ID")] string? LastEventId,
    [FromQuery(Name = "from_seq")] string? FromSeq) : IRequest<IAsyncEnumerable<AuditStreamItem>>
{
    public long? ResumeAfter =>
        long.TryParse(string.IsNullOrEmpty(LastEventId) ? FromSeq : LastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ? seq : null;
}
