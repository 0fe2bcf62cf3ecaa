using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Blux.SharedKernel.Stores;

/// <summary>
/// A column as a module's EF model maps it, for the hand-written fast paths that write or read rows
/// without EF Core's change tracking: its name, and a row's value in the form the store holds (after
/// the property's value converter) and back. A fast path takes its columns from here, never from a
/// list of its own, so a column added to the model is one it writes and reads.
/// </summary>
public sealed class StoreColumn
{
    private static readonly MethodInfo GetFieldValue = typeof(DbDataReader).GetMethod(nameof(DbDataReader.GetFieldValue))!;

    private readonly IClrPropertyGetter _getter;
    private readonly ValueConverter? _converter;
    private readonly Lazy<Func<DbDataReader, int, object>> _read;
    private readonly Lazy<Action<object, object?>> _set;

    private StoreColumn(IProperty property)
    {
        Property = property;
        Name = property.GetColumnName();
        _getter = property.GetGetter();
        _converter = property.GetTypeMapping().Converter;
        var stored = _converter?.ProviderClrType ?? property.ClrType;
        _read = new(() => Reader(Nullable.GetUnderlyingType(stored) ?? stored));
        _set = new(() => Setter(property));
    }

    public IProperty Property { get; }

    public string Name { get; }

    /// <summary>
    /// Whether the property is set only when the row is made (<c>init</c>): a column an update never
    /// needs to write.
    /// </summary>
    public bool IsInitOnly =>
        Property.PropertyInfo?.SetMethod?.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)) ?? false;

    /// <summary>The entity's mapped columns, in the model's order.</summary>
    public static IReadOnlyList<StoreColumn> Of(IEntityType entity) =>
        entity.GetProperties().Select(p => new StoreColumn(p)).ToArray();

    /// <summary>The value <paramref name="row"/> holds for this column, as the store keeps it (null for none).</summary>
    public object? ValueOf(object row) => ToStore(_getter.GetClrValue(row));

    /// <summary>A value of the property's type as the store keeps it (for a condition on this column).</summary>
    public object? ToStore(object? value) => value is null || _converter is null ? value : _converter.ConvertToProvider(value);

    /// <summary>Sets the property of <paramref name="row"/> from the value at <paramref name="ordinal"/> of <paramref name="reader"/>.</summary>
    public void Read(DbDataReader reader, int ordinal, object row)
    {
        var stored = reader.IsDBNull(ordinal) ? null : _read.Value(reader, ordinal);
        _set.Value(row, stored is null || _converter is null ? stored : _converter.ConvertFromProvider(stored));
    }

    /// <summary>The reader's own typed getter for the stored type (SQLite hands back an INTEGER as a long whatever the property's width).</summary>
    private static Func<DbDataReader, int, object> Reader(Type stored)
    {
        var reader = Expression.Parameter(typeof(DbDataReader), "reader");
        var ordinal = Expression.Parameter(typeof(int), "ordinal");
        var value = Expression.Call(reader, GetFieldValue.MakeGenericMethod(stored), ordinal);
        return Expression.Lambda<Func<DbDataReader, int, object>>(Expression.Convert(value, typeof(object)), reader, ordinal).Compile();
    }

    /// <summary>
    /// Assigns the property, <c>init</c> ones included: a row read back is made the way EF Core
    /// materializes one, before anything else sees it.
    /// </summary>
    private static Action<object, object?> Setter(IProperty property)
    {
        var info = property.PropertyInfo ?? throw new InvalidOperationException($"{property.Name} is not a CLR property.");
        var row = Expression.Parameter(typeof(object), "row");
        var value = Expression.Parameter(typeof(object), "value");
        var assign = Expression.Assign(
            Expression.Property(Expression.Convert(row, info.DeclaringType!), info),
            Expression.Convert(value, info.PropertyType));
        return Expression.Lambda<Action<object, object?>>(assign, row, value).Compile();
    }
}
