using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Blux.Modules.Guard.Audit;
using Blux.SharedKernel.Api;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Identity;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blux.Modules.Guard.Features.StreamAudit;

/// <summary>
/// Server-Sent Events: each new audit record as <c>event: audit</c> with its seq as the event id.
/// With <c>Last-Event-ID</c> (or <c>?from_seq=</c>) the records after it are replayed from the store first.
/// </summary>
internal static class StreamAuditEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/v1/audit/stream", async ([AsParameters] StreamAuditRequest request, HttpContext http, ISender sender, CancellationToken cancellationToken) =>
            {
                var tail = await sender.Send(request, cancellationToken);
                await ServerSentEvents.WriteAsync(http, Frames(tail), cancellationToken);
            })
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream")
            .Produces<ErrorEnvelope>(StatusCodes.Status429TooManyRequests)
            .WithMetadata(
                new ApiParameter("Last-Event-ID", "Resume after this seq: the records after it are sent first.") { In = ApiParameterLocation.Header, Type = ApiParameterType.Integer, Minimum = 0 },
                new ApiParameter("from_seq", "Resume after this seq when Last-Event-ID is not sent.") { Type = ApiParameterType.Integer, Minimum = 0 })
            .Operation(Scopes.AuditRead, "Guard", "audit_stream", "Stream the audit log",
                "Live tail of the audit chain as Server-Sent Events: each new record as `event: audit`, its seq as the event id and the record's JSON as data; a comment every 15 s keeps the stream open. An identity holds at most Blux:Streams:MaxPerIdentity streams (16) open at once; one more is 429 too_many_streams.");

    private static async IAsyncEnumerable<string> Frames(IAsyncEnumerable<AuditStreamItem> tail, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in tail.WithCancellation(cancellationToken))
        {
            yield return item.Record is { } row ? Event(row) : $": {item.Comment}\n\n";
        }
    }

    private static string Event(Domain.AuditRecordRow row) =>
        new StringBuilder()
            .Append("id: ").Append(row.Seq.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("event: audit\n")
            .Append("data: ").Append(AuditRecordForm.ToJson(row).ToJsonString()).Append("\n\n")
            .ToString();
}
