using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blux.SharedKernel.Stores;

/// <summary>
/// An entity's table in a module's store: every table is named and keyed here, and its columns take
/// their names from <see cref="SnakeCaseColumnNames"/>; a mapping adds only its indexes and the
/// properties that need more than a name.
/// </summary>
public abstract class TableMapping<TEntity>(string table, Expression<Func<TEntity, object?>> key) : IEntityTypeConfiguration<TEntity>
    where TEntity : class
{
    public void Configure(EntityTypeBuilder<TEntity> builder)
    {
        builder.ToTable(table);
        builder.HasKey(key);
        Map(builder);
    }

    /// <summary>What the table needs beyond its name, key and column names: indexes, conversions, generated values.</summary>
    protected virtual void Map(EntityTypeBuilder<TEntity> builder)
    {
    }
}
