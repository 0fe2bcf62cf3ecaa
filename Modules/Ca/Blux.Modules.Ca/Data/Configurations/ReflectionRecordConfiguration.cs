using Blux.Modules.Ca.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blux.Modules.Ca.Data.Configurations;

internal sealed class ReflectionRecordConfiguration : IEntityTypeConfiguration<ReflectionRecord>
{
    public void Configure(EntityTypeBuilder<ReflectionRecord> builder)
    {
        builder.ToTable("reflections");
        builder.HasKey(r => r.NoteId);
        builder.HasIndex(r => r.TaskId);
    }
}
