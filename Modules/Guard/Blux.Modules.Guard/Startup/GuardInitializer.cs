using System.Text.Json.Nodes;
using Blux.Modules.Guard.Audit;
using Blux.Modules.Guard.Contracts;
using Blux.Modules.Guard.Data;
using Blux.Modules.Guard.Doctrine;
using Blux.Modules.Guard.Domain;
using Blux.Modules.Reg.Contracts;
using Blux.SharedKernel;
using Blux.SharedKernel.Events;
using Blux.SharedKernel.Stores;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Blux.Modules.Guard.Startup;

/// <summary>
/// Migrates Guard's store, puts the doctrine in force (the shipped default on first start) and
/// starts the audit writer. Stopping drains the writer and writes a checkpoint at the chain's head,
/// so no accepted record is lost on shutdown and a tail cut after a clean stop is detectable.
/// </summary>
internal sealed class GuardInitializer(
    IServiceScopeFactory scopes,
    ActiveDoctrine doctrine,
    AuditWriter writer,
    EventLogWriter events,
    AuditKeyCache keyCache,
    GuardModuleStore store,
    StoreLedger ledger,
    TimeProvider clock,
    IOptions<GuardOptions> options,
    ILogger<GuardInitializer> logger) : ModuleStoreInitializer<GuardDbContext>(scopes, store)
{
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await events.StopAsync();
        await writer.StopAsync();
    }

    /// <summary>An audit record that cannot be made durable at start is, for Guard, a failure of its own store.</summary>
    protected override bool IsStoreFailure(Exception exception) =>
        base.IsStoreFailure(exception) || StoreStartupException.IsUnavailable(exception);

    protected override async Task InitializeAsync(IServiceProvider services, GuardDbContext db, CancellationToken cancellationToken)
    {
        var sender = services.GetRequiredService<ISender>();
        await EnsureRegHoldsTheChainsKeyAsync(db, sender, cancellationToken);
        await keyCache.RefreshAsync(sender, cancellationToken);
        await writer.StartAsync(cancellationToken);
        events.Start(db, options.Value.StoreTimeoutSeconds);

        var latest = await db.Doctrines.AsNoTracking().OrderByDescending(d => d.DoctrineVersion).FirstOrDefaultAsync(cancellationToken);
        if (latest is not null)
        {
            doctrine.Set(ActiveDoctrine.Parse(latest.Json));
            return;
        }

        var loaded = ActiveDoctrine.Parse(await ReadDefaultDoctrineAsync(cancellationToken));
        var receipt = await writer.AppendAsync(
            new AuditEntry
            {
                Service = BluxSources.Guard,
                Operation = "doctrine.update",
                Identity = "system",
                OutputHash = loaded.Digest,
                Status = AuditStatuses.Success,
                Data = new JsonObject { ["doctrine_version"] = loaded.Document.DoctrineVersion, ["source"] = "default" },
            },
            cancellationToken);
        db.Doctrines.Add(new DoctrineRevision(loaded.Document.DoctrineVersion, loaded.Json, loaded.Digest, AppliedAt: clock.GetUtcNow(), AppliedBy: "system"));
        await db.SaveChangesAsync(cancellationToken);
        doctrine.Set(loaded);
        logger.LogInformation("Put the default doctrine version {DoctrineVersion} in force ({Digest}, audit {AuditId})", loaded.Document.DoctrineVersion, loaded.Digest, receipt.AuditId);
    }

    /// <summary>
    /// The chain's last record was signed by a key Reg wrote down before it signed; if reg.db holds no
    /// such key, reg.db is older than guard.db (or from another installation). Only a record written
    /// since reg.db became the store it is now is compared: an accepted new reg.db never held old keys.
    /// </summary>
    private async Task EnsureRegHoldsTheChainsKeyAsync(GuardDbContext db, ISender sender, CancellationToken cancellationToken)
    {
        var head = await db.AuditRecords.AsNoTracking().OrderByDescending(r => r.Seq)
            .Select(r => new { r.Seq, r.KeyId, r.Timestamp }).FirstOrDefaultAsync(cancellationToken);
        if (head is null || !BluxTime.TryParse(head.Timestamp, out var signedAt) || signedAt < ledger.Since("reg"))
        {
            return;
        }

        var unknown = await sender.Send(new FindUnknownSigningKeys([head.KeyId]), cancellationToken);
        if (unknown.Count > 0)
        {
            throw StoreStartupException.Refuse(
                "reg",
                store.FilePath,
                $"its last audit record (seq {head.Seq}) is signed by key {head.KeyId}, which reg.db does not hold: reg.db is older than guard.db, or from another installation");
        }
    }

    private static async Task<string> ReadDefaultDoctrineAsync(CancellationToken cancellationToken)
    {
        await using var stream = typeof(GuardInitializer).Assembly.GetManifestResourceStream("Blux.Modules.Guard.doctrine.json")
            ?? throw new InvalidOperationException("The default doctrine is missing from the build.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
