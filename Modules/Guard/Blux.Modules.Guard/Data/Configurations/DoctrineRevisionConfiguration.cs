using Blux.Modules.Guard.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blux.Modules.Guard.Data.Configurations;

internal sealed class DoctrineRevisionConfiguration : IEntityTypeConfiguration<DoctrineRevision>
{
    public void Configure(EntityTypeBuilder<DoctrineRevision> builder)
    {
        builder.ToTable("doctrines");
        builder.HasKey(d => d.DoctrineVersion);
        builder.Property(d => d.DoctrineVersion).HasColumnName("doctrine_version").ValueGeneratedNever();
        builder.Property(d => d.Json).HasColumnName("json");
        builder.Property(d => d.Digest).HasColumnName("digest");
        builder.Property(d => d.AppliedAt).HasColumnName("applied_at");
        builder.Property(d => d.AppliedBy).HasColumnName("applied_by");
    }
}
