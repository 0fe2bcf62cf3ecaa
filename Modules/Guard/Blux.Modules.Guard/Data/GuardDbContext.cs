using Blux.Modules.Guard.Domain;
using Blux.SharedKernel.Stores;
using Microsoft.EntityFrameworkCore;

namespace Blux.Modules.Guard.Data;

internal sealed class GuardDbContext(DbContextOptions<GuardDbContext> options) : ModuleDbContext(options)
{
    public DbSet<AuditRecordRow> AuditRecords => Set<AuditRecordRow>();

    public DbSet<CheckpointRow> Checkpoints => Set<CheckpointRow>();

    public DbSet<EventLogRow> Events => Set<EventLogRow>();

    public DbSet<DoctrineRevision> Doctrines => Set<DoctrineRevision>();
}
