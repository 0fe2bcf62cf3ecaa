using System.Globalization;
using System.Text;
using Blux.Modules.Guard.Audit;
using Blux.Modules.Guard.Data;
using Blux.Modules.Guard.Domain;
using Blux.SharedKernel.Api;
using Blux.SharedKernel.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Blux.Modules.Guard.Features.StreamAudit;

/// <summary>
/// Server-Sent Events: each new audit record as <c>event: audit</c> with its seq as the event id.
/// With <c>Last-Event-ID</c> (or <c>?from_seq=</c>) the records after it are replayed from the store first.
/// </summary>
internal static class StreamAuditEndpoint
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/v1/audit/stream", async (HttpContext http, AuditBroadcaster broadcaster, GuardDbContext db, CancellationToken cancellationToken) =>
            {
                http.Response.ContentType = "text/event-stream";
                http.Response.Headers.CacheControl = "no-cache";
                http.Response.Headers["X-Accel-Buffering"] = "no";
                var (id, reader) = broadcaster.Subscribe();
                try
                {
                    var lastSent = ResumeFrom(http.Request);
                    if (lastSent is { } after)
                    {
                        foreach (var row in await db.AuditRecords.AsNoTracking().Where(r => r.Seq > after).OrderBy(r => r.Seq).Take(10_000).ToListAsync(cancellationToken))
                        {
                            await SendAsync(http, row, cancellationToken);
                            lastSent = row.Seq;
                        }
                    }

                    await http.Response.WriteAsync(": connected\n\n", cancellationToken);
                    await http.Response.Body.FlushAsync(cancellationToken);
                    while (!cancellationToken.IsCancellationRequested)
                    {
                        using var beat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                        beat.CancelAfter(Heartbeat);
                        try
                        {
                            if (!await reader.WaitToReadAsync(beat.Token))
                            {
                                break;
                            }
                        }
                        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                        {
                            await http.Response.WriteAsync(": heartbeat\n\n", cancellationToken);
                            await http.Response.Body.FlushAsync(cancellationToken);
                            continue;
                        }

                        while (reader.TryRead(out var row))
                        {
                            if (lastSent is null || row.Seq > lastSent)
                            {
                                await SendAsync(http, row, cancellationToken);
                                lastSent = row.Seq;
                            }
                        }
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // The client closed the stream.
                }
                finally
                {
                    broadcaster.Unsubscribe(id);
                }
            })
            .RequireAuthorization(Scopes.Policy(Scopes.AuditRead))
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream")
            .WithMetadata(
                new ApiParameter("Last-Event-ID", "Resume after this seq: the records after it are sent first.") { In = ApiParameterLocation.Header, Type = ApiParameterType.Integer, Minimum = 0 },
                new ApiParameter("from_seq", "Resume after this seq when Last-Event-ID is not sent.") { Type = ApiParameterType.Integer, Minimum = 0 })
            .WithName("audit_stream")
            .WithTags("Guard")
            .WithSummary("Stream the audit log")
            .WithDescription("Live tail of the audit chain as Server-Sent Events: each new record as `event: audit`, its seq as the event id and the record's JSON as data; a comment every 15 s keeps the stream open.");

    private static long? ResumeFrom(HttpRequest request)
    {
        var raw = request.Headers["Last-Event-ID"].ToString();
        if (raw.Length == 0)
        {
            raw = request.Query["from_seq"].ToString();
        }

        return long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ? seq : null;
    }

    private static async Task SendAsync(HttpContext http, AuditRecordRow row, CancellationToken cancellationToken)
    {
        var text = new StringBuilder()
            .Append("id: ").Append(row.Seq.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("event: audit\n")
            .Append("data: ").Append(AuditRecordForm.ToJson(row).ToJsonString()).Append("\n\n")
            .ToString();
        await http.Response.WriteAsync(text, cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);
    }
}
