namespace Blux.SharedKernel.Api;

/// <summary>
/// Marks the type a request body is read into. Such types leave every member nullable so that the
/// validator, not the JSON reader, names what is missing; the OpenAPI document instead shows the
/// contract: a member is required only when it carries
/// <see cref="System.ComponentModel.DataAnnotations.RequiredAttribute"/>, and null is not a value.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequestSchemaAttribute : Attribute;
