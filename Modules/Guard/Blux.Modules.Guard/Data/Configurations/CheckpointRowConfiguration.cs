using Blux.Modules.Guard.Domain;
using Blux.SharedKernel.Stores;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blux.Modules.Guard.Data.Configurations;

internal sealed class CheckpointRowConfiguration() : TableMapping<CheckpointRow>("audit_checkpoints", c => c.CheckpointId)
{
    protected override void Map(EntityTypeBuilder<CheckpointRow> builder) =>
        builder.HasIndex(c => c.Seq);
}
