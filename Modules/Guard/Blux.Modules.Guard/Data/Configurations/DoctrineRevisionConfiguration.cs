using Blux.Modules.Guard.Domain;
using Blux.SharedKernel.Stores;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blux.Modules.Guard.Data.Configurations;

internal sealed class DoctrineRevisionConfiguration() : TableMapping<DoctrineRevision>("doctrines", d => d.DoctrineVersion)
{
    protected override void Map(EntityTypeBuilder<DoctrineRevision> builder) =>
        builder.Property(d => d.DoctrineVersion).ValueGeneratedNever();
}
