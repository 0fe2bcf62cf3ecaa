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
        builder.Property(r => r.NoteId).HasColumnName("note_id");
        builder.Property(r => r.TaskId).HasColumnName("task_id");
        builder.Property(r => r.Identity).HasColumnName("identity");
        builder.Property(r => r.Risk).HasColumnName("risk");
        builder.Property(r => r.Recommendation).HasColumnName("recommendation");
        builder.Property(r => r.Json).HasColumnName("json");
        builder.Property(r => r.CreatedAt).HasColumnName("created_at");
        builder.HasIndex(r => r.TaskId);
    }
}
