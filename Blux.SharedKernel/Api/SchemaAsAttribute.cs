namespace Blux.SharedKernel.Api;

/// <summary>
/// A member held as raw JSON (a stored record, an embedded note) whose shape is that of
/// <see cref="Type"/>: the OpenAPI document describes it as that type.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = false)]
public sealed class SchemaAsAttribute(Type type) : Attribute
{
    public Type Type { get; } = type;
}
