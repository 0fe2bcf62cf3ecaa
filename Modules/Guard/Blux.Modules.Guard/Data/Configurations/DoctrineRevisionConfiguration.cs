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
        builder.Property(d => d.DoctrineVersion).ValueGeneratedNever();
    }
}
