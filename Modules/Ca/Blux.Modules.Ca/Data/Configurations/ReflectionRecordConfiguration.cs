using Blux.Modules.Ca.Domain;
using Blux.SharedKernel.Stores;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blux.Modules.Ca.Data.Configurations;

internal sealed class ReflectionRecordConfiguration() : TableMapping<ReflectionRecord>("reflections", r => r.NoteId)
{
    protected override void Map(EntityTypeBuilder<ReflectionRecord> builder) =>
        builder.HasIndex(r => r.TaskId);
}
