using System.Text.Json.Nodes;
using Blux.Modules.Guard.Audit;
using Blux.Modules.Guard.Contracts;
using Blux.Modules.Guard.Data;
using Blux.Modules.Guard.Doctrine;
using Blux.Modules.Guard.Domain;
using Blux.SharedKernel.Events;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Blux.Modules.Guard.Startup;

/// <summary>
/// Migrates Guard's store, puts the doctrine in force (the shipped default on first start) and
/// starts the audit writer. Stopping drains the writer, so no accepted record is lost on shutdown.
/// </summary>
internal sealed class GuardInitializer(
    IServiceScopeFactory scopes,
    ActiveDoctrine doctrine,
    AuditWriter writer,
    EventLogWriter events,
    AuditKeyCache keyCache,
    TimeProvider clock,
    IOptions<GuardOptions> options,
    ILogger<GuardInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GuardDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        await keyCache.RefreshAsync(scope.ServiceProvider.GetRequiredService<ISender>(), cancellationToken);
        await writer.StartAsync(cancellationToken);
        events.Start(db.Database.GetConnectionString()!, options.Value.StoreTimeoutSeconds);

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
        db.Doctrines.Add(new DoctrineRevision
        {
            DoctrineVersion = loaded.Document.DoctrineVersion,
            Json = loaded.Json,
            Digest = loaded.Digest,
            AppliedAt = clock.GetUtcNow(),
            AppliedBy = "system",
        });
        await db.SaveChangesAsync(cancellationToken);
        doctrine.Set(loaded);
        logger.LogInformation("Put the default doctrine version {DoctrineVersion} in force ({Digest}, audit {AuditId})", loaded.Document.DoctrineVersion, loaded.Digest, receipt.AuditId);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await events.StopAsync();
        await writer.StopAsync();
    }

    private static async Task<string> ReadDefaultDoctrineAsync(CancellationToken cancellationToken)
    {
        await using var stream = typeof(GuardInitializer).Assembly.GetManifestResourceStream("Blux.Modules.Guard.doctrine.json")
            ?? throw new InvalidOperationException("The default doctrine is missing from the build.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
