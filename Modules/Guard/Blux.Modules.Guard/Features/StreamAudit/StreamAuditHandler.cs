using System.Runtime.CompilerServices;
using Blux.Modules.Guard.Audit;
using Blux.Modules.Guard.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Blux.Modules.Guard.Features.StreamAudit;

/// <summary>
/// The records after the resume point from the store, then each new one as the writer makes it durable,
/// with a heartbeat after every quiet <see cref="HeartbeatAfter"/>. The subscription is taken before the
/// store is read, so no record falls between the two; a record seen in both is sent once.
/// </summary>
internal sealed class StreamAuditHandler(AuditBroadcaster broadcaster, GuardDbContext db) : IRequestHandler<StreamAuditRequest, IAsyncEnumerable<AuditStreamItem>>
{
    private const int MaxReplay = 10_000;
    private static readonly TimeSpan HeartbeatAfter = TimeSpan.FromSeconds(15);

    public ValueTask<IAsyncEnumerable<AuditStreamItem>> Handle(StreamAuditRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(TailAsync(request.ResumeAfter, cancellationToken));

    private async IAsyncEnumerable<AuditStreamItem> TailAsync(long? lastSent, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (id, reader) = broadcaster.Subscribe();
        try
        {
            if (lastSent is { } after)
            {
                foreach (var row in await db.AuditRecords.AsNoTracking().Where(r => r.Seq > after).OrderBy(r => r.Seq).Take(MaxReplay).ToListAsync(cancellationToken))
                {
                    yield return new AuditStreamItem(row, null);
                    lastSent = row.Seq;
                }
            }

            yield return AuditStreamItem.Connected;
            while (!cancellationToken.IsCancellationRequested)
            {
                bool? more;
                using (var beat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    beat.CancelAfter(HeartbeatAfter);
                    try
                    {
                        more = await reader.WaitToReadAsync(beat.Token);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        more = null;
                    }
                }

                if (more is null)
                {
                    yield return AuditStreamItem.Heartbeat;
                    continue;
                }

                if (more is false)
                {
                    yield break;
                }

                while (reader.TryRead(out var row))
                {
                    if (lastSent is null || row.Seq > lastSent)
                    {
                        yield return new AuditStreamItem(row, null);
                        lastSent = row.Seq;
                    }
                }
            }
        }
        finally
        {
            broadcaster.Unsubscribe(id);
        }
    }
}
